; Vigie's Windows installer, for lab PCs: the one-folder build (build/dist/Vigie) in Program Files,
; a Start-menu entry, an entry in « Applications et fonctionnalités », and an uninstaller.
; The one-file Vigie.exe stays the portable variant (USB keys): it needs no installation.
;
; Compiled by build/installer.py (makensis, from NSIS 3; Debian's `nsis` package compiles it too):
;   makensis -DVERSION=0.1.0 -DSOURCE_DIR=build\dist\Vigie -DOUTFILE=build\dist\Vigie-0.1.0-setup.exe build\installer.nsi
; Silent install for IT departments: Vigie-…-setup.exe /S [/D=C:\Programmes\Vigie]; uninstall:
; "C:\Program Files\Vigie\Uninstall.exe" /S. The assessments live in each user's data folder:
; the uninstaller never touches them.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "VERSION is required: makensis -DVERSION=x.y.z ..."
!endif
!ifndef SOURCE_DIR
  !error "SOURCE_DIR is required: the one-folder build (build/dist/Vigie)"
!endif
!ifndef OUTFILE
  !define OUTFILE "Vigie-${VERSION}-setup.exe"
!endif
!ifndef ICON
  !define ICON "${__FILEDIR__}\icons\vigie.ico"
!endif

!define APP "Vigie"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"

!include "MUI2.nsh"
!include "x64.nsh"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1036 "ProductName" "${APP}"
VIAddVersionKey /LANG=1036 "FileDescription" "Installation de Vigie"
VIAddVersionKey /LANG=1036 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "CompanyName" "${APP}"
VIAddVersionKey /LANG=1036 "LegalCopyright" "${APP}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\Vigie.exe"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; French first: the installer speaks the language of Windows, French when it is neither.
!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_LANGUAGE "English"

LangString SHORTCUT_DESCRIPTION ${LANG_FRENCH} "Auto-évaluation RGPD (articles 28, 29 et 32)"
LangString SHORTCUT_DESCRIPTION ${LANG_ENGLISH} "GDPR self-assessment (Articles 28, 29 and 32)"
LangString NEEDS_64_BIT ${LANG_FRENCH} "Vigie demande une version 64 bits de Windows."
LangString NEEDS_64_BIT ${LANG_ENGLISH} "Vigie needs a 64-bit edition of Windows."

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "$(NEEDS_64_BIT)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "Vigie" SecMain
  SectionIn RO
  ; An older version's files go first, so that no library of it stays beside the new ones.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${SOURCE_DIR}\*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  ; Start menu, for every user of the PC.
  SetShellVarContext all
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\Vigie.exe" "" "$INSTDIR\Vigie.exe" 0 \
      SW_SHOWNORMAL "" "$(SHORTCUT_DESCRIPTION)"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${APP}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\Vigie.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$SMPROGRAMS\${APP}.lnk"
  ; Only what the installer put there: the program folder, never the users' data folders.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\Vigie.exe"
  Delete "$INSTDIR\vigie-cli.exe"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
