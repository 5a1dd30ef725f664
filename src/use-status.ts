// The one rule for a use's status, shared by the GraphQL `uses` and the /export/uses table.

/** A use's status under one regulator, or (without one) APPROVED when any regulator authorised it. */
export function statusUnder(approvedBy: string[], regulator: string | null): 'APPROVED' | 'OFF_LABEL' {
  if (regulator) return approvedBy.includes(regulator) ? 'APPROVED' : 'OFF_LABEL';
  return approvedBy.length > 0 ? 'APPROVED' : 'OFF_LABEL';
}
