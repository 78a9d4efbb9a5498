; Inno Setup 6 script for Crypty Desktop on Windows (64-bit).
;
; Build on Windows, from the repository root:
;   1. py -3.11 -m venv .venv && .venv\Scripts\pip install -e ".[dist]"
;   2. .venv\Scripts\python packaging\render_icon.py build\icons
;      (writes build\icons\crypty-desktop.ico with Pillow, which the dist extra installs on Windows)
;   3. .venv\Scripts\pyinstaller --noconfirm --clean build.spec   (uses build\icons\crypty-desktop.ico)
;   4. dist\crypty-desktop\crypty-desktop.exe --self-test
;      (a windowed .exe has no console: the verdict goes to %TEMP%\crypty-desktop-self-test.txt
;       and the exit code; run it with "start /wait" and check %ERRORLEVEL%)
;   5. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\crypty.iss
;      -> dist\crypty-desktop-0.1.0-windows-x64-setup.exe
;
; The version comes from pyproject.toml: pass it with /DAppVersion=... (scripts can read it with
; python -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])").
; Per-user install by default (no administrator rights needed); keys live in the Windows
; Credential Manager, data in %LOCALAPPDATA%\crypty-desktop, neither is removed on uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Crypty Desktop"
#define AppExe "crypty-desktop.exe"
#define SourceDir "..\..\dist\crypty-desktop"

[Setup]
AppId={{5B0F7C1E-6D7A-4E0B-9A57-3C2E1D0F8A41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Crypty
AppPublisherURL=https://crypty.app
DefaultDirName={autopf}\Crypty Desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=crypty-desktop-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\build\icons\crypty-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
