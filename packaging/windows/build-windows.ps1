# Builds PathPlanner for Windows: a PyInstaller folder bundle, smoke-tested, then an Inno Setup
# installer (dist\PathPlanner-<version>-setup.exe). Run from a PowerShell prompt in the
# repository root with Python 3.11 and Inno Setup 6 (iscc.exe on PATH) installed.
$ErrorActionPreference = "Stop"
$root = Resolve-Path "$PSScriptRoot\..\.."
Set-Location $root
if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
.venv\Scripts\python -m pip install --quiet -e ".[test,packaging]"
if (Test-Path scripts\i18n.py) { .venv\Scripts\python scripts\i18n.py compile --output build\translations }
.venv\Scripts\pyinstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\pathplanner.spec
$env:QT_QPA_PLATFORM = "offscreen"
& dist\PathPlanner\pathplanner.exe --smoke-test
if ($LASTEXITCODE -ne 0) { throw "smoke test of the bundle failed" }
Remove-Item Env:\QT_QPA_PLATFORM
$env:PATHPLANNER_VERSION = (.venv\Scripts\python -c "import pathplanner; print(pathplanner.__version__)")
iscc packaging\windows\pathplanner.iss
