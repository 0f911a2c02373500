import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'open-without-with';

describe(rule, () => {
  it.each([
    [
      'an assigned file',
      py`
      f = open("data.txt")
      data = f.read()
    `,
      [1],
    ],
    [
      'a comprehension over a file',
      py`
      rows = [l.split(",") for l in open(path)]
    `,
      [1],
    ],
    [
      'a chained call',
      py`
      text = open(path, encoding="utf-8").read()
    `,
      [1],
    ],
    [
      'a for loop header',
      py`
      for line in open(path):
          print(line)
    `,
      [1],
    ],
    [
      'gzip.open and Path.open',
      py`
      import gzip
      from pathlib import Path
      g = gzip.open("a.gz")
      h = Path("b.txt").open()
    `,
      [3, 4],
    ],
    [
      'a file kept on self without a close anywhere',
      py`
      class Log:
          def __init__(self, path):
              self.out = open(path, "a")
    `,
      [3],
    ],
    [
      'a close() that is not in a finally block',
      py`
      f = open(p)
      data = f.read()
      f.close()
    `,
      [1],
    ],
    [
      'an archive opened from a path, and a file put on an object that is not returned',
      py`
      zip_file = zipfile.ZipFile(archive)
      names = zip_file.namelist()
      def send(self, request):
          resp = Response()
          resp.raw = open(pathname, "rb")
          return resp.status
    `,
      [1, 5],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    [
      'a standard stream redirected to a file for the rest of the process (mypy dmypy_server.py)',
      py`
      if log_file:
          sys.stdout = sys.stderr = open(log_file, "a", buffering=1)
          fd = sys.stdout.fileno()
      sys.stdin = open(os.devnull)
    `,
    ],
    [
      'with open(...) as f',
      py`
      with open(path) as f:
          for line in f:
              print(line)
    `,
    ],
    [
      'several with items',
      py`
      with open(a) as src, open(b, "w") as dst:
          dst.write(src.read(4096))
    `,
    ],
    [
      'a factory returning the file',
      py`
      def open_log(path):
          return open(path, "a")
    `,
    ],
    [
      'ExitStack.enter_context',
      py`
      with contextlib.ExitStack() as stack:
          files = [stack.enter_context(open(p)) for p in paths]
    `,
    ],
    [
      'contextlib.closing',
      py`
      with closing(open(p)) as f:
          pass
    `,
    ],
    [
      'a try/finally close',
      py`
      f = open(path)
      try:
          data = f.read(1024)
      finally:
          f.close()
    `,
    ],
    [
      'a class that closes what it opened',
      py`
      class Log:
          def __init__(self, path):
              self.out = open(path, "a")
          def close(self):
              self.out.close()
    `,
    ],
    [
      'an open method on an unknown object',
      py`
      conn = db.open()
      webbrowser.open(url)
    `,
    ],
    [
      'a file returned by name',
      py`
      def open_log(path):
          f = open(path, "a")
          f.write("start\n")
          return f
    `,
    ],
    [
      'a class with close() that owns the file',
      py`
      class Archive:
          def __init__(self, path):
              self.fp = open(path, "rb")
          def close(self):
              fp, self.fp = self.fp, None
              fp.close()
    `,
    ],
    [
      'an archive read from a file the function opened and closes (pip unpacking.py)',
      py`
      zipfp = open(filename, "rb")
      try:
          zip = zipfile.ZipFile(zipfp, allowZip64=True)
          names = zip.namelist()
      finally:
          zipfp.close()
      with open(path, "rb") as raw:
          archive = tarfile.open(fileobj=raw, mode="r:gz")
          gz = gzip.GzipFile(fileobj=raw)
    `,
    ],
    [
      'a file put on an object the function returns (pip session.py)',
      py`
      def send(self, request):
          resp = Response()
          resp.raw = open(pathname, "rb")
          resp.close = resp.raw.close
          return resp
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('underlines the open() call and cites the with tip', () => {
    const [finding] = findingsOf('rows = [l for l in open("a.csv")]', rule);
    expect(finding?.range).toEqual({ start: { line: 0, character: 19 }, end: { line: 0, character: 32 } });
    expect(finding?.citation.id).toBe('optimize-code-for-memory-efficiency--use-with-statement-for-file-operations');
    expect(finding?.suggestion).toContain('with open("a.csv") as f:');
  });
});
