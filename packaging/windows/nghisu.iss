; Inno Setup script: the Windows installer around the one-folder bundle (dist\nghisu\).
; Per-user install, no administrator rights: {localappdata}\Programs\NghiSu, a Start-menu entry,
; and "Mở bằng Nghị Sự" on PDF files (HKCU\Software\Classes; Windows keeps the person's default
; PDF viewer, Nghị Sự is offered in "Open with").
; UNTESTED HERE: the project's machines are Linux; .github/workflows/windows-bundle.yml builds it on
; a Windows runner. Build by hand: pyinstaller packaging\nghisu.spec, then
;   iscc /DAppVersion=0.1.0 packaging\windows\nghisu.iss

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B0F4C1E-6C44-4B9B-9E55-4E6768695375}
AppName=Nghị Sự
AppVersion={#AppVersion}
AppPublisher=Nghị Sự
DefaultDirName={localappdata}\Programs\NghiSu
DefaultGroupName=Nghị Sự
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=NghiSu-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes

[Languages]
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"

[Files]
Source: "..\..\dist\nghisu\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Nghị Sự"; Filename: "{app}\nghisu.exe"; Parameters: "gui"
Name: "{group}\Gỡ cài đặt Nghị Sự"; Filename: "{uninstallexe}"

[Registry]
; "Mở bằng Nghị Sự" for .pdf, per user.
Root: HKCU; Subkey: "Software\Classes\NghiSu.pdf"; ValueType: string; ValueName: ""; ValueData: "Tài liệu PDF (Nghị Sự)"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\NghiSu.pdf\shell\open"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "Nghị Sự"
Root: HKCU; Subkey: "Software\Classes\NghiSu.pdf\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\nghisu.exe"" gui ""%1"""
Root: HKCU; Subkey: "Software\Classes\.pdf\OpenWithProgids"; ValueType: string; ValueName: "NghiSu.pdf"; ValueData: ""; Flags: uninsdeletevalue

[Run]
Filename: "{app}\nghisu.exe"; Parameters: "gui"; Description: "Mở Nghị Sự"; Flags: nowait postinstall skipifsilent
