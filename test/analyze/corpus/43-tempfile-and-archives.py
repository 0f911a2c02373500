# expect: open-without-with
import tempfile, zipfile
scratch = tempfile.NamedTemporaryFile(delete=False)
archive = zipfile.ZipFile("bundle.zip")
names = archive.namelist()
