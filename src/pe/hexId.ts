/** How reports write PE numbers (language ids, machine codes, flags): "0x0409", "0x014C". */
export function hexId(value: number, width: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(width, '0')}`;
}
