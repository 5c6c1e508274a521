/**
 * PE/COFF constants, named as in the Microsoft PE/COFF specification and
 * winnt.h / winver.h, so the reader's checks can be read against the spec.
 */

/** "MZ" read as a little-endian WORD: e_magic of IMAGE_DOS_HEADER. */
export const IMAGE_DOS_SIGNATURE = 0x5a4d;
/** "NE": 16-bit Windows / OS/2 1.x new executable. */
export const IMAGE_OS2_SIGNATURE = 0x454e;
/** "LE": linear executable (VxD, OS/2 2.x mixed 16/32-bit). */
export const IMAGE_OS2_SIGNATURE_LE = 0x454c;
/** "LX": OS/2 2.x+ linear executable (no winnt.h name; named after LE's). */
export const IMAGE_OS2_SIGNATURE_LX = 0x584c;
/** "PE\0\0" read as a little-endian DWORD. */
export const IMAGE_NT_SIGNATURE = 0x00004550;

/** sizeof(IMAGE_DOS_HEADER). */
export const IMAGE_SIZEOF_DOS_HEADER = 64;
/** Field offsets in IMAGE_DOS_HEADER (only the fields the reader uses). */
export const IMAGE_DOS_HEADER = Object.freeze({
  /** WORD: "MZ". */
  e_magic: 0x00,
  /** WORD: file address of the relocation table; 0x40 for every new-style executable. */
  e_lfarlc: 0x18,
  /** LONG: file address of the new exe header ("PE\0\0", "NE", "LE"). */
  e_lfanew: 0x3c,
});

/** sizeof the "PE\0\0" signature that precedes IMAGE_FILE_HEADER. */
export const IMAGE_SIZEOF_NT_SIGNATURE = 4;

/** Field offsets in IMAGE_FILE_HEADER. */
export const IMAGE_FILE_HEADER = Object.freeze({
  /** WORD. */
  Machine: 0,
  /** WORD. */
  NumberOfSections: 2,
  /** DWORD. */
  TimeDateStamp: 4,
  /** DWORD. */
  PointerToSymbolTable: 8,
  /** DWORD. */
  NumberOfSymbols: 12,
  /** WORD. */
  SizeOfOptionalHeader: 16,
  /** WORD. */
  Characteristics: 18,
});

/** sizeof(IMAGE_FILE_HEADER), the COFF file header that follows "PE\0\0". */
export const IMAGE_SIZEOF_FILE_HEADER = 20;
/** sizeof(IMAGE_SECTION_HEADER). */
export const IMAGE_SIZEOF_SECTION_HEADER = 40;
/** Length of IMAGE_SECTION_HEADER.Name. */
export const IMAGE_SIZEOF_SHORT_NAME = 8;
/** Field offsets in IMAGE_SECTION_HEADER (only the fields the reader uses). */
export const IMAGE_SECTION_HEADER = Object.freeze({
  /** BYTE[IMAGE_SIZEOF_SHORT_NAME], NUL-padded. */
  Name: 0,
  /** DWORD: Misc.VirtualSize. */
  VirtualSize: 8,
  /** DWORD. */
  VirtualAddress: 12,
  /** DWORD. */
  SizeOfRawData: 16,
  /** DWORD. */
  PointerToRawData: 20,
});

/** IMAGE_FILE_HEADER.Characteristics: the image is a DLL. */
export const IMAGE_FILE_DLL = 0x2000;
/** IMAGE_FILE_HEADER.Characteristics: the image is executable (no unresolved references). */
export const IMAGE_FILE_EXECUTABLE_IMAGE = 0x0002;

/** IMAGE_OPTIONAL_HEADER32.Magic (PE32). */
export const IMAGE_NT_OPTIONAL_HDR32_MAGIC = 0x10b;
/** IMAGE_OPTIONAL_HEADER64.Magic (PE32+). */
export const IMAGE_NT_OPTIONAL_HDR64_MAGIC = 0x20b;
/** IMAGE_ROM_OPTIONAL_HEADER.Magic: a ROM image, not a PE image. */
export const IMAGE_ROM_OPTIONAL_HDR_MAGIC = 0x107;

/** Field offsets in IMAGE_OPTIONAL_HEADER32 (PE32), the fields the reader uses. */
export const IMAGE_OPTIONAL_HEADER32 = Object.freeze({
  /** WORD: IMAGE_NT_OPTIONAL_HDR32_MAGIC. */
  Magic: 0,
  /** DWORD. */
  FileAlignment: 36,
  /** DWORD. */
  SizeOfHeaders: 60,
  /** DWORD. */
  NumberOfRvaAndSizes: 92,
  /** IMAGE_DATA_DIRECTORY[NumberOfRvaAndSizes]. */
  DataDirectory: 96,
});
/** Field offsets in IMAGE_OPTIONAL_HEADER64 (PE32+): ImageBase and the stack and heap sizes are ULONGLONGs, and BaseOfData is gone. */
export const IMAGE_OPTIONAL_HEADER64 = Object.freeze({
  /** WORD: IMAGE_NT_OPTIONAL_HDR64_MAGIC. */
  Magic: 0,
  /** DWORD. */
  FileAlignment: 36,
  /** DWORD. */
  SizeOfHeaders: 60,
  /** DWORD. */
  NumberOfRvaAndSizes: 108,
  /** IMAGE_DATA_DIRECTORY[NumberOfRvaAndSizes]. */
  DataDirectory: 112,
});
/** Field offsets in IMAGE_DATA_DIRECTORY. */
export const IMAGE_DATA_DIRECTORY = Object.freeze({
  /** DWORD: RVA of the table. */
  VirtualAddress: 0,
  /** DWORD: its size in bytes. */
  Size: 4,
});
/** sizeof(IMAGE_DATA_DIRECTORY). */
export const IMAGE_SIZEOF_DATA_DIRECTORY = 8;
/** IMAGE_NUMBEROF_DIRECTORY_ENTRIES. */
export const IMAGE_NUMBEROF_DIRECTORY_ENTRIES = 16;
/** Data directory index of the resource table. */
export const IMAGE_DIRECTORY_ENTRY_RESOURCE = 2;

/** sizeof(IMAGE_RESOURCE_DIRECTORY), followed by its entries. */
export const IMAGE_SIZEOF_RESOURCE_DIRECTORY = 16;
/** sizeof(IMAGE_RESOURCE_DIRECTORY_ENTRY). */
export const IMAGE_SIZEOF_RESOURCE_DIRECTORY_ENTRY = 8;
/** sizeof(IMAGE_RESOURCE_DATA_ENTRY). */
export const IMAGE_SIZEOF_RESOURCE_DATA_ENTRY = 16;
/** Field offsets in IMAGE_RESOURCE_DIRECTORY (only the fields the reader uses). */
export const IMAGE_RESOURCE_DIRECTORY = Object.freeze({
  /** WORD: entries named by a string, which come first. */
  NumberOfNamedEntries: 12,
  /** WORD: entries named by an id, which follow the named ones. */
  NumberOfIdEntries: 14,
});
/** Field offsets in IMAGE_RESOURCE_DIRECTORY_ENTRY. */
export const IMAGE_RESOURCE_DIRECTORY_ENTRY = Object.freeze({
  /** DWORD: an id, or (IMAGE_RESOURCE_NAME_IS_STRING) the offset of an IMAGE_RESOURCE_DIR_STRING_U. */
  Name: 0,
  /** DWORD: the offset of an IMAGE_RESOURCE_DATA_ENTRY, or (IMAGE_RESOURCE_DATA_IS_DIRECTORY) of a subdirectory. */
  OffsetToData: 4,
});
/** Field offsets in IMAGE_RESOURCE_DATA_ENTRY (only the fields the reader uses). */
export const IMAGE_RESOURCE_DATA_ENTRY = Object.freeze({
  /** DWORD: the RVA of the data (not an offset in the resource directory). */
  OffsetToData: 0,
  /** DWORD. */
  Size: 4,
});
/** Field offsets in IMAGE_RESOURCE_DIR_STRING_U. */
export const IMAGE_RESOURCE_DIR_STRING_U = Object.freeze({
  /** WORD: length in UTF-16 code units. */
  Length: 0,
  /** WCHAR[Length], not NUL-terminated. */
  NameString: 2,
});
/** High bit of IMAGE_RESOURCE_DIRECTORY_ENTRY.Name: the name is an offset to an IMAGE_RESOURCE_DIR_STRING_U. */
export const IMAGE_RESOURCE_NAME_IS_STRING = 0x80000000;
/** High bit of IMAGE_RESOURCE_DIRECTORY_ENTRY.OffsetToData: the entry points to a subdirectory. */
export const IMAGE_RESOURCE_DATA_IS_DIRECTORY = 0x80000000;

/** Resource type of the version resource (VS_VERSIONINFO). */
export const RT_VERSION = 16;
/** Resource id that version resources are stored under by convention (VS_VERSION_INFO). */
export const VS_VERSION_INFO = 1;

/** VS_FIXEDFILEINFO.dwSignature. */
export const VS_FFI_SIGNATURE = 0xfeef04bd;
/** VS_FIXEDFILEINFO.dwStrucVersion of every Win32 resource compiler. */
export const VS_FFI_STRUCVERSION = 0x00010000;
/** VS_FIXEDFILEINFO.dwFileFlagsMask set by resource compilers (VS_FF_DEBUG..VS_FF_SPECIALBUILD). */
export const VS_FFI_FILEFLAGSMASK = 0x0000003f;
/** sizeof(VS_FIXEDFILEINFO). */
export const VS_FIXEDFILEINFO_SIZE = 52;
/** VS_FIXEDFILEINFO.dwFileOS: VOS_NT_WINDOWS32. */
export const VOS_NT_WINDOWS32 = 0x00040004;
/** VS_FIXEDFILEINFO.dwFileType values. */
export const VFT_APP = 0x1;
export const VFT_DLL = 0x2;

/** IMAGE_FILE_HEADER.Machine values. */
export const IMAGE_FILE_MACHINE_UNKNOWN = 0x0;
export const IMAGE_FILE_MACHINE_I386 = 0x14c;
export const IMAGE_FILE_MACHINE_R4000 = 0x166;
export const IMAGE_FILE_MACHINE_ALPHA = 0x184;
export const IMAGE_FILE_MACHINE_ARM = 0x1c0;
export const IMAGE_FILE_MACHINE_ARMNT = 0x1c4;
export const IMAGE_FILE_MACHINE_POWERPC = 0x1f0;
export const IMAGE_FILE_MACHINE_IA64 = 0x200;
export const IMAGE_FILE_MACHINE_ALPHA64 = 0x284;
export const IMAGE_FILE_MACHINE_AMD64 = 0x8664;
export const IMAGE_FILE_MACHINE_ARM64 = 0xaa64;

/**
 * The Windows loader reads raw section data in 512-byte sectors: PointerToRawData is rounded down to this when FileAlignment is at least
 * this.
 */
export const FILE_ALIGNMENT_HARDCODED_VALUE = 0x200;
