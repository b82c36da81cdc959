// Masks for sensitive values shown to users without the permission to see them in full.
export function maskIdNumber(v: string): string {
  return v.length <= 10 ? '*'.repeat(v.length) : `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}

export function maskPhone(v: string): string {
  return v.length < 7 ? '*'.repeat(v.length) : `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}
