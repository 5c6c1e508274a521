import {
  IMAGE_FILE_MACHINE_ALPHA,
  IMAGE_FILE_MACHINE_ALPHA64,
  IMAGE_FILE_MACHINE_AMD64,
  IMAGE_FILE_MACHINE_ARM,
  IMAGE_FILE_MACHINE_ARM64,
  IMAGE_FILE_MACHINE_ARMNT,
  IMAGE_FILE_MACHINE_I386,
  IMAGE_FILE_MACHINE_IA64,
  IMAGE_FILE_MACHINE_POWERPC,
  IMAGE_FILE_MACHINE_R4000,
} from './constants.js';
import type { Machine } from './types.js';

const MACHINE_NAMES: ReadonlyMap<number, Machine> = new Map<number, Machine>([
  [IMAGE_FILE_MACHINE_I386, 'i386'],
  [IMAGE_FILE_MACHINE_AMD64, 'x64'],
  [IMAGE_FILE_MACHINE_ALPHA, 'alpha'],
  [IMAGE_FILE_MACHINE_ALPHA64, 'alpha64'],
  [IMAGE_FILE_MACHINE_IA64, 'ia64'],
  [IMAGE_FILE_MACHINE_ARM, 'arm'],
  [IMAGE_FILE_MACHINE_ARMNT, 'arm'],
  [IMAGE_FILE_MACHINE_ARM64, 'arm64'],
  [IMAGE_FILE_MACHINE_R4000, 'mips'],
  [IMAGE_FILE_MACHINE_POWERPC, 'powerpc'],
]);

/** Names an IMAGE_FILE_HEADER.Machine code; codes we do not know are 'unknown'. */
export function machineName(code: number): Machine {
  return MACHINE_NAMES.get(code) ?? 'unknown';
}
