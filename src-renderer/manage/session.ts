/** Who is signed in to the back office, as GET/POST /api/back-office/session answer. */
export interface Principal {
  readonly venueId: string;
  readonly managerId: string;
  readonly name: string;
  readonly role: 'manager' | 'supervisor';
}

/** Managers change things; supervisors only read (the server refuses their writes too). */
export function canWrite(principal: Principal): boolean {
  return principal.role === 'manager';
}

export interface SignedIn extends Principal {
  /** `timeZone`: the venue's; every time and day the back office shows is in it. */
  readonly venue: { readonly name: string; readonly currency: string; readonly timeZone: string };
}
