; Inno Setup script for PathPlanner on Windows. Built by build-windows.ps1 after PyInstaller has
; produced dist\PathPlanner\. Installs per user (no administrator rights needed) by default.
#define AppVersion GetEnv("PATHPLANNER_VERSION")
#if AppVersion == ""
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F1E2D6B-7C1B-4E55-9A55-2E1B5C2A9A10}
AppName=PathPlanner
AppVersion={#AppVersion}
AppPublisher=PathPlanner
DefaultDirName={autopf}\PathPlanner
DefaultGroupName=PathPlanner
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=PathPlanner-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\pathplanner.exe

[Files]
Source: "..\..\dist\PathPlanner\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\PathPlanner"; Filename: "{app}\pathplanner.exe"
Name: "{group}\PathPlanner (sample students)"; Filename: "{app}\pathplanner.exe"; Parameters: "--demo"
Name: "{group}\Uninstall PathPlanner"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\pathplanner.exe"; Description: "Start PathPlanner"; Flags: nowait postinstall skipifsilent
