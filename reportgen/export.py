"""PDF and PNG copies of a deck, made by LibreOffice, then read back and drawn with pypdfium2
(PDFium, from wheels on every system): the only code that runs another program, and
LibreOffice is the only program it runs.

LibreOffice gets a private profile directory per run, so parallel builds do not collide on
the shared user profile (a second soffice would otherwise hand its work to the first and exit),
and a timeout, so a deck it chokes on fails the build instead of hanging it.

The PDF is tagged (LibreOffice's PDF/UA export): headings, lists, tables and figures in a
structure tree, in the deck's language, each chart with the deck's alt text
(:func:`describe_figures`), since the PDF goes on the council's website with the cabinet papers
and must be accessible. LibreOffice is looked
for where each system's installer puts it, not only on the PATH (:func:`find_soffice`).

LibreOffice lays text out with the fonts this machine has. Where the deck's font (Arial) is
missing, it substitutes a wider one and table rows grow past the footer or off the slide, so a
PDF is read back before it is kept (:func:`verify_pdf`): every title word and every table word
of every slide must be on its page, above the footer.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path, PureWindowsPath
from typing import Any
from xml.sax.saxutils import escape

from reportgen.errors import ExportError, Place
from reportgen.frozen import frozen
from reportgen.output import check_destination, place_file, temporary_folder_beside
from reportgen.proof import DeckProof, SlideProof

SOFFICE_VARIABLE = "REPORTGEN_SOFFICE"
"""Names LibreOffice's soffice program where reportgen would not find it."""
SOFFICE_INSTALL = ("install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-impress; "
                   "macOS: brew install --cask libreoffice; Windows: winget install "
                   "TheDocumentFoundation.LibreOffice, or the installer from libreoffice.org), "
                   f"or set {SOFFICE_VARIABLE} to its soffice program")
NOT_MADE = "the .pptx was written, but no PDF or PNG can be made"
PDF_OPTIONS = ('pdf:impress_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
               '"PDFUACompliance":{"type":"boolean","value":"true"}}')
"""A tagged PDF/UA document (LibreOffice 7.4 or later reads filter options written as JSON)."""
SOFFICE_TIMEOUT = 300
PNG_DPI = 100
SLIDE_IMAGE = re.compile(r"slide-\d+\.png")

# Fonts with the same advance widths as the Office fonts (so text wraps where it does in
# PowerPoint), and the Debian package that has them.
METRIC_COMPATIBLE: dict[str, tuple[tuple[str, ...], str]] = {
    "arial": (("Liberation Sans", "Arimo"), "fonts-liberation"),
    "helvetica": (("Liberation Sans", "Arimo", "Nimbus Sans"), "fonts-liberation"),
    "times new roman": (("Liberation Serif", "Tinos"), "fonts-liberation"),
    "courier new": (("Liberation Mono", "Cousine"), "fonts-liberation"),
    "calibri": (("Carlito",), "fonts-crosextra-carlito"),
    "cambria": (("Caladea",), "fonts-crosextra-caladea"),
}
_SHOWN = 4
"""Texts named per problem, and slides named per error line: enough to find them."""


def soffice_places(environ: Mapping[str, str]) -> list[str]:
    """Where LibreOffice's installers put soffice on Windows and macOS, which do not add it to
    the PATH: Program Files (64- and 32-bit) and the Applications folders."""
    windows = [str(PureWindowsPath(base, "LibreOffice", "program", "soffice.exe"))
               for base in (environ.get("ProgramFiles"), environ.get("ProgramW6432"),
                            environ.get("ProgramFiles(x86)"), r"C:\Program Files",
                            r"C:\Program Files (x86)") if base]
    app = "LibreOffice.app/Contents/MacOS/soffice"
    mac = [f"/Applications/{app}"]
    if environ.get("HOME"):
        mac.append(f"{environ['HOME']}/Applications/{app}")
    return list(dict.fromkeys([*windows, *mac]))


def find_soffice(environ: Mapping[str, str] | None = None,
                 which: Callable[[str], str | None] = shutil.which,
                 is_file: Callable[[str], bool] = os.path.isfile) -> str:
    """LibreOffice's soffice: the one ``REPORTGEN_SOFFICE`` names, else ``soffice`` or
    ``libreoffice`` on the PATH, else the first of :func:`soffice_places` that is there."""
    environ = os.environ if environ is None else environ
    named = environ.get(SOFFICE_VARIABLE, "").strip()
    if named:
        found = named if is_file(named) else which(named)
        if found:
            return found
        raise ExportError(f"{SOFFICE_VARIABLE} is set to '{named}', which is not a program; "
                          f"{NOT_MADE}: set it to LibreOffice's soffice (e.g. C:\\Program Files\\"
                          "LibreOffice\\program\\soffice.exe) or leave it unset")
    for name in ("soffice", "libreoffice"):
        if found := which(name):
            return found
    for place in soffice_places(environ):
        if is_file(place):
            return place
    raise ExportError(f"LibreOffice is not installed (no soffice on the PATH or where its "
                      f"installer puts it); {NOT_MADE}: {SOFFICE_INSTALL}")


def _run(command: list[str], place: Place, timeout: int,
         running: list[subprocess.Popen[str]] | None = None) -> str:
    """Run a converter and return its output. It runs in a process group of its own, and the
    whole group is killed when it takes too long or reportgen is stopped: soffice is a wrapper
    whose soffice.bin would otherwise live on, orphaned, converting for no one. ``running``
    (for a converter run on a thread) holds the process while it runs, for the main thread to
    kill on Ctrl-C."""
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, errors="replace",
                                   start_new_session=True)
    except OSError as exc:
        raise ExportError(f"cannot run {command[0]}: {exc.strerror or exc}", place) from exc
    if running is not None:
        running.append(process)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill(process)
        raise ExportError(f"{Path(command[0]).name} took longer than {timeout} s; gave up",
                          place) from exc
    except BaseException:  # Ctrl-C, SIGTERM: the converter must not outlive us
        _kill(process)
        raise
    if process.returncode != 0:
        detail = (stderr or stdout).strip().splitlines()
        why = detail[-1] if detail else f"exit status {process.returncode}"
        raise ExportError(f"{Path(command[0]).name} failed ({why})", place)
    return stdout


def _kill(process: subprocess.Popen[str]) -> None:
    _kill_group(process)
    try:
        process.communicate(timeout=10)
    except subprocess.TimeoutExpired:  # a grandchild that left the group holds the pipes
        process.wait()


def _kill_group(process: subprocess.Popen[str]) -> None:
    """Kill the process and, on POSIX, its process group (its children); does not wait."""
    killpg = getattr(os, "killpg", None)  # POSIX; elsewhere only the process itself
    with contextlib.suppress(OSError):
        if killpg is not None:
            killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()


def to_pdf(deck: Path, target: Path | None = None, timeout: int = SOFFICE_TIMEOUT, *,
           proof: DeckProof | None = None, shown_as: Path | None = None,
           made: Path | None = None) -> Path:
    """Convert ``deck`` to ``target`` (default: beside it, same name, .pdf), atomically;
    ``made`` is its PDF when LibreOffice has made it already (a batch's, :func:`to_pdfs`).

    With ``proof``, the PDF is checked first and not kept when it lost anything; errors then
    name ``shown_as`` (what the user asked for) or ``target``."""
    target = target or deck.with_suffix(".pdf")
    check_destination(target, suffix=".pdf")  # before LibreOffice spends seconds on it
    if made is not None:
        _keep(made, target, proof, shown_as)
        return target
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as work:
        profile = Path(work, "profile")
        write_profile(profile, deck_language(deck))
        _run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
              "--convert-to", PDF_OPTIONS, "--outdir", work, str(deck)], Place(deck), timeout)
        produced = Path(work, deck.with_suffix(".pdf").name)
        if not _made(produced):
            raise ExportError(NO_PDF, Place(deck))
        _keep(produced, target, proof, shown_as)
    return target


NO_PDF = "LibreOffice could not open the deck (no PDF was produced)"


def _made(pdf: Path) -> bool:
    return pdf.is_file() and pdf.stat().st_size > 0


def _keep(produced: Path, target: Path, proof: DeckProof | None, shown_as: Path | None) -> None:
    """The PDF checked against ``proof`` (its charts given their alt text), then put in place."""
    if proof is not None:
        describe_figures(produced, proof, shown_as=shown_as or target)
        verify_pdf(produced, proof, shown_as=shown_as or target)
    place_file(produced, target)


def to_pdfs(decks: Sequence[Path], work: Path, processes: int,
            timeout: int = SOFFICE_TIMEOUT,
            done: Callable[[Path, Path], None] | None = None) -> dict[Path, Path | ExportError]:
    """A batch's decks converted to PDFs in ``work``, by up to ``processes`` LibreOffice
    processes at once, each with a profile of its own and several decks: LibreOffice's start
    costs more than a deck. Each deck's PDF, or why it has none.

    A process gets ``timeout`` seconds a deck; one that takes longer, or dies, is killed with
    its children and its profile removed, and the decks it had not converted are tried again
    one to a process, so that only a deck LibreOffice cannot convert fails. Ctrl-C kills every
    process. ``done`` is called with each deck and its PDF as soon as LibreOffice has finished
    it, on a thread of its own: checking the PDFs overlaps converting the next ones."""
    soffice = find_soffice()
    results: dict[Path, Path | ExportError] = {}
    running: list[subprocess.Popen[str]] = []

    def convert(number: int, group: Sequence[Path]) -> None:
        folder = work / f"lo-{number}"
        out = folder / "pdf"
        out.mkdir(parents=True)
        profile = folder / "profile"
        write_profile(profile, deck_language(group[0]))
        pdfs = [out / deck.with_suffix(".pdf").name for deck in group]

        def hand_over(ended: bool) -> None:
            """Each PDF LibreOffice has finished: it converts the decks in the order given,
            one at a time, so a PDF is whole once a later deck's is there, or once the process
            has ended well."""
            for index, (deck, pdf) in enumerate(zip(group, pdfs, strict=True)):
                if deck in results:
                    continue
                if not (ended or any(later.exists() for later in pdfs[index + 1:])):
                    return
                if _made(pdf):
                    results[deck] = pdf
                    if done is not None:
                        done(deck, pdf)

        ended = threading.Event()

        def watch() -> None:
            while not ended.wait(0.2):
                hand_over(ended=False)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        failed: ExportError | None = None
        try:
            _run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                  "--norestore", "--convert-to", PDF_OPTIONS, "--outdir", str(out),
                  *map(str, group)], Place(group[0]), timeout * len(group), running)
        except ExportError as exc:
            failed = exc
        finally:
            ended.set()
            watcher.join()
            shutil.rmtree(profile, ignore_errors=True)
        # a process that failed may have left its last PDF half written: not taken
        hand_over(ended=failed is None)
        if len(group) == 1 and group[0] not in results:
            results[group[0]] = ExportError(failed.message if failed else NO_PDF,
                                            Place(group[0]))

    _on_threads(convert, _groups(decks, processes),
                lambda: [deck for deck in decks if deck not in results], running)
    return results


def _on_threads(convert: Callable[[int, Sequence[Path]], None], groups: list[list[Path]],
                left: Callable[[], list[Path]], running: list[subprocess.Popen[str]]) -> None:
    """``convert`` each group on a thread of its own, then each deck ``left`` names alone.
    On Ctrl-C or SIGTERM every converter still running is killed first, so that none outlives
    reportgen and reportgen does not wait for them to finish."""
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    pool = ThreadPoolExecutor(max_workers=max(1, len(groups)))
    try:
        list(pool.map(convert, range(len(groups)), groups))
        again = left()
        list(pool.map(convert, range(len(groups), len(groups) + len(again)),
                      [[deck] for deck in again]))
    except BaseException:
        for process in list(running):
            _kill_group(process)  # its thread's communicate() then returns and reaps it
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _groups(decks: Sequence[Path], processes: int) -> list[list[Path]]:
    """The decks shared among ``processes`` processes, round robin: decks in one language to a
    process (a profile has one locale), no two of the same file name (one output folder)."""
    by_language: dict[str | None, list[Path]] = {}
    for deck in decks:
        by_language.setdefault(deck_language(deck), []).append(deck)
    groups: list[list[Path]] = []
    for same in by_language.values():
        share = max(1, processes * len(same) // len(decks))
        mine: list[list[Path]] = [[] for _ in range(min(share, len(same)))]
        for index, deck in enumerate(same):
            place = index % len(mine)
            while any(deck.name == other.name for other in mine[place]):
                place += 1
                if place == len(mine):
                    mine.append([])
            mine[place].append(deck)
        groups.extend(mine)
    return groups


def describe_figures(pdf: Path, proof: DeckProof, *, shown_as: Path | None = None) -> None:
    """Give the tagged PDF's figures the alt text of the charts and pictures they are.

    LibreOffice (7.4 at least) tags a chart as a Figure but leaves out its description, which
    screen readers then skip. A page's figures are its slide's charts and pictures in drawing
    order; where a page has another number of figures, none of them is guessed at."""
    from pypdf import PdfWriter  # noqa: PLC0415  (only a PDF export needs it)
    from pypdf.errors import PyPdfError  # noqa: PLC0415
    from pypdf.generic import NameObject, TextStringObject  # noqa: PLC0415

    try:
        writer = PdfWriter(clone_from=pdf)
        pages = {page.indirect_reference.idnum: number
                 for number, page in enumerate(writer.pages)
                 if page.indirect_reference is not None}
        on_page: dict[int, list[Any]] = {}
        for page, element in _structure(writer.root_object.get("/StructTreeRoot"), pages):
            if element.get("/S") == "/Figure" and page is not None:
                on_page.setdefault(page, []).append(element)
        changed = False
        for page, slide in enumerate(proof.slides):
            figures = on_page.get(page, [])
            if len(figures) != len(slide.figures):
                continue
            for element, alt in zip(figures, slide.figures, strict=True):
                if alt and "/Alt" not in element:
                    element[NameObject("/Alt")] = TextStringObject(alt)
                    changed = True
        if changed:
            writer.write(pdf)
    except (PyPdfError, OSError, ValueError, KeyError) as exc:
        raise ExportError(f"cannot give the PDF's charts their alt text: {exc}",
                          Place(shown_as or pdf)) from exc


def _structure(node: Any, pages: Mapping[int, int],
               page: int | None = None) -> Iterator[tuple[int | None, Any]]:
    """Every structure element under ``node``, with the page it is on (its own /Pg, or its
    parent's)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject  # noqa: PLC0415

    if isinstance(node, IndirectObject):
        node = node.get_object()
    if isinstance(node, ArrayObject):
        for child in node:
            yield from _structure(child, pages, page)
    elif isinstance(node, DictionaryObject):
        if "/S" in node:
            where = node.raw_get("/Pg") if "/Pg" in node else None
            if isinstance(where, IndirectObject):
                page = pages.get(where.idnum, page)
            yield page, node
        if "/K" in node:
            yield from _structure(node["/K"], pages, page)


_LANGUAGE = re.compile(rb"<dc:language>([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)</dc:language>")


def deck_language(deck: Path) -> str | None:
    """The language the deck's properties give (``en-GB``), None when they give none."""
    try:
        with zipfile.ZipFile(deck) as package:
            core = package.read("docProps/core.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None  # LibreOffice says what is wrong with the deck itself
    match = _LANGUAGE.search(core)
    return match.group(1).decode("ascii") if match else None


def write_profile(profile: Path, language: str | None) -> None:
    """A fresh LibreOffice profile for one conversion. A tagged PDF states its language
    (/Lang), which LibreOffice takes from its locale setting, not from the document: the
    profile sets that to the deck's language."""
    settings = ""
    if language:
        settings = ('<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name='
                    '"ooSetupSystemLocale" oor:op="fuse"><value>'
                    f"{escape(language)}</value></prop></item>")
    user = profile / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor='
        '"http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{settings}</oor:items>\n',
        encoding="utf-8")


def to_png(pdf: Path, folder: Path, dpi: int = PNG_DPI) -> list[Path]:
    """One PNG per page, ``folder/slide-01.png`` ..., replacing an earlier folder of slide
    images, and only that: never a file, a symbolic link or a folder holding anything else."""
    _check_slides_folder(folder)
    with temporary_folder_beside(folder) as work:
        staged = Path(work, "slides")
        staged.mkdir()
        count = 0
        with _opened(pdf) as document:
            width = max(2, len(str(len(document))))
            for number, page in enumerate(document, start=1):
                try:
                    image = page.render(scale=dpi / 72).to_pil()
                    image.save(staged / f"slide-{number:0{width}d}.png", format="PNG")
                except OSError as exc:
                    raise ExportError(f"cannot write the slide images: {exc.strerror or exc}",
                                      Place(folder)) from exc
                finally:
                    page.close()
                count += 1
        if not count:
            raise ExportError("the PDF has no pages to draw", Place(pdf))
        _swap_in(staged, folder, Path(work, "previous"))
    return sorted(folder.iterdir())


def _check_slides_folder(folder: Path) -> None:
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportError(f"cannot write the slide images: {exc.strerror or exc}",
                          Place(folder)) from exc
    if stat.S_ISLNK(info.st_mode):
        raise ExportError("is a symbolic link; the slide images are not written through it "
                          "(remove the link, or build the deck under another name)",
                          Place(folder))
    if not stat.S_ISDIR(info.st_mode):
        raise ExportError("exists and is not a folder of slide images; not replaced (move it "
                          "away, or build the deck under another name)", Place(folder))
    others = [entry.name for entry in os.scandir(folder)
              if not (SLIDE_IMAGE.fullmatch(entry.name) and entry.is_file(follow_symlinks=False))]
    if others:
        raise ExportError(f"holds files other than slide images ({', '.join(sorted(others)[:3])}"
                          f"{', ...' if len(others) > 3 else ''}); not replaced (move them "
                          "away)", Place(folder))


def _swap_in(staged: Path, folder: Path, aside: Path) -> None:
    """Put ``staged`` where ``folder`` is; the old folder goes to ``aside`` and comes back if
    the new one cannot go in."""
    try:
        if folder.exists():
            folder.rename(aside)
        try:
            staged.rename(folder)
        except OSError:
            if aside.exists():
                aside.rename(folder)
            raise
    except OSError as exc:
        raise ExportError(f"cannot write the slide images: {exc.strerror or exc}",
                          Place(folder)) from exc


# --- the PDF checks itself -------------------------------------------------------------------

@frozen
class Word:
    text: str
    bottom: float
    """Fraction (0..1) of the page's height at the bottom of the word's box."""


DESCENT = 0.35
"""Where a word's box ends below its baseline, in ems: as poppler's ``pdftotext -bbox`` put
it, which this check was first written against (PDFium's own glyph boxes end at the ink)."""


_PDFIUM = threading.Lock()
"""PDFium is not thread-safe, and a batch checks its PDFs on several threads: one document is
open at a time, the rest of a check (pypdf, moving files) goes on beside it."""


@contextlib.contextmanager
def _opened(pdf: Path) -> Iterator[Any]:
    """The PDF opened with PDFium, under :data:`_PDFIUM`; a PDF it cannot read is an
    ExportError naming it."""
    import pypdfium2  # noqa: PLC0415  (only a PDF or PNG export needs it)

    with _PDFIUM:
        try:
            document = pypdfium2.PdfDocument(pdf)
        except (pypdfium2.PdfiumError, OSError) as exc:
            raise ExportError(f"cannot read the PDF: {exc}", Place(pdf)) from exc
        try:
            yield document
        finally:
            document.close()


def normalised(text: str) -> list[str]:
    """Words split at spaces: NFKC folds ligatures ("ﬁ" → "fi") and no-break spaces, so the
    same text compares equal whether it comes from the deck or from the PDF."""
    return unicodedata.normalize("NFKC", text).split()


def pdf_words(pdf: Path) -> list[list[Word]]:
    """Every page's words with where they end, read by PDFium. Text that LibreOffice drew off
    the page is left out: only what is on the page counts."""
    with _opened(pdf) as document:
        pages = []
        for page in document:
            try:
                width, height = page.get_size()
                text = page.get_textpage()
                try:
                    pages.append(_page_words(text.raw, width, height or 1.0))
                finally:
                    text.close()
            finally:
                page.close()
    return pages


def _page_words(text: Any, width: float, height: float) -> list[Word]:
    """A page's characters joined into words at spaces and line ends (those PDFium generates
    from the gaps between characters too), each word's bottom that of its lowest character's
    box: baseline less :data:`DESCENT` of its size."""
    import pypdfium2.raw as pdfium  # noqa: PLC0415

    words: list[Word] = []
    letters: list[str] = []
    bottom = 0.0
    x, y = ctypes.c_double(), ctypes.c_double()

    def end_word() -> None:
        if letters:
            words.extend(Word(word, bottom) for word in normalised("".join(letters)))
            letters.clear()

    for index in range(pdfium.FPDFText_CountChars(text)):
        code = pdfium.FPDFText_GetUnicode(text, index)
        letter = chr(code) if 0 < code < 0x110000 else " "
        on_page = pdfium.FPDFText_GetCharOrigin(text, index, x, y) and \
            0 <= x.value <= width and 0 <= y.value <= height
        if letter.isspace() or not on_page:
            end_word()
            continue
        below = y.value - DESCENT * pdfium.FPDFText_GetFontSize(text, index)
        low = (height - below) / height
        bottom = max(bottom, low) if letters else low
        letters.append(letter)
    end_word()
    return words


def verify_pdf(pdf: Path, proof: DeckProof, *, shown_as: Path | None = None) -> None:
    """Raise ExportError unless every slide's page shows its title and all of its table text,
    the table text above the footer, and the PDF has one page per slide."""
    place = Place(shown_as or pdf)
    pages = pdf_words(pdf)
    if len(pages) != len(proof.slides):
        raise ExportError(f"the PDF has {len(pages)} pages for {len(proof.slides)} slides; "
                          "not kept", place)
    problems = [f"slide {slide.number} {problem}"
                for slide, page in zip(proof.slides, pages, strict=True)
                for problem in slide_problems(slide, page)]
    if problems:
        shown = "; ".join(problems[:_SHOWN])
        more = f"; and {len(problems) - _SHOWN} more" if len(problems) > _SHOWN else ""
        raise ExportError(f"{shown}{more}: {font_advice(proof.fonts)}", place)


def slide_problems(slide: SlideProof, page: Sequence[Word]) -> list[str]:
    """What the page lost of what the slide must show, as phrases ("lost table text (3.1,
    4.6) off the slide"), empty when nothing."""
    problems: list[str] = []
    on_page = Counter(word.text for word in page)
    title = Counter(normalised(slide.title))
    if lost := title - on_page:
        problems.append(f"lost title words ({_listed(lost)})")
    above = Counter(word.text for word in page if word.bottom <= slide.bottom) - title
    expected = Counter(word for text in slide.table_texts for word in normalised(text))
    missing = expected - above
    if not missing:
        return problems
    below = Counter(word.text for word in page if word.bottom > slide.bottom)
    broken = _broken_words(missing, [word.text for word in page])
    kinds: dict[str, Counter[str]] = {"over": Counter(), "broken": Counter(), "off": Counter()}
    for word, count in missing.items():
        over = min(count, below[word])
        kinds["over"][word] += over
        kinds["broken" if word in broken else "off"][word] += count - over
    for kind, phrase in (("off", "lost table text ({}) off the slide"),
                         ("over", "has table text ({}) over the footer"),
                         ("broken", "broke table text ({}) inside words")):
        if +kinds[kind]:
            problems.append(phrase.format(_texts_with(kinds[kind], slide.table_texts)))
    return problems


def _broken_words(missing: Iterable[str], words: Sequence[str]) -> set[str]:
    """The missing words that the page shows split in pieces ("2017/1" "8"): a cell too narrow
    for them in the font used."""
    found = set()
    for wanted in missing:
        for start, first in enumerate(words):
            if not wanted.startswith(first) or first == wanted:
                continue
            joined = first
            for piece in words[start + 1:start + 4]:
                joined += piece
                if joined == wanted:
                    found.add(wanted)
                if not wanted.startswith(joined):
                    break
    return found


def _texts_with(words: Counter[str], texts: Sequence[str]) -> str:
    """The table texts that lost ``words``, as the user would look for them on the slide. A
    word in many cells ("Snapshot") is put down to its last cells: rows are lost at the foot of
    a table, not at its head."""
    remaining = Counter(words)
    hit: list[str] = []
    for text in reversed(texts):
        if any(remaining[word] > 0 for word in normalised(text)):
            hit.append(text)
            remaining.subtract(normalised(text))
    return _listed(reversed(hit) if hit else sorted(words))


def _listed(items: Iterable[str]) -> str:
    items = list(items)
    shown = ", ".join(_short(" ".join(item.split())) for item in items[:_SHOWN])
    return shown + (f", … {len(items) - _SHOWN} more" if len(items) > _SHOWN else "")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def rendered_family(family: str) -> str | None:
    """The family fontconfig (and so LibreOffice) draws ``family`` with; None without
    fc-match."""
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    try:
        result = subprocess.run([fc_match, "-f", "%{family[0]}", family], capture_output=True,
                                text=True, timeout=30, check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.strip() or None


def font_advice(fonts: Sequence[str]) -> str:
    """What to do about it: the font to install when a deck font is substituted by one of other
    metrics; otherwise say the fonts are right and the layout is at fault."""
    if not fonts:
        return "the deck names no font; please report this"
    seen: list[str] = []
    for family in fonts:
        compatible, package = METRIC_COMPATIBLE.get(family.casefold(), ((), ""))
        rendered = rendered_family(family)
        if rendered is None:
            hint = f" (Debian: apt-get install {package})" if package else ""
            return (f"make sure {family} or a metric-compatible font is installed{hint} and "
                    "build again")
        if rendered.casefold() not in {family.casefold(), *map(str.casefold, compatible)}:
            install = (f"install a metric-compatible font (Debian: apt-get install {package})"
                       if package else f"install {family}")
            return f"this machine renders {family} with {rendered}; {install} and build again"
        seen.append(f"{family} as {rendered}")
    return (f"the fonts are right ({', '.join(seen)}), so the layout itself does not fit; "
            "please report this")
