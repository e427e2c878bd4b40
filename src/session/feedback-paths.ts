/** Where the anonymous feedback kiosk lives: the meeting id only, never a person. */
export function feedbackPath(meetingId: string, form: 'checkout' | 'final' = 'checkout'): string {
  return form === 'final'
    ? `/meetings/${meetingId}/feedback/final`
    : `/meetings/${meetingId}/feedback`;
}
