/** Why a sync action (connect, join, make a code) was refused: each has its own message on screen. */
export type SyncErrorCode =
  | 'coordinators-only'
  | 'locked'
  | 'not-connected'
  | 'not-empty'
  | 'join-code-invalid'
  | 'join-code-expired'
  | 'join-code-used'
  | 'foreign-database'
  | 'unreachable'
  /** Lock or Quick exit stopped a fetch before it ended (it resumes at the next unlock). */
  | 'stopped'
  /** The team key was rotated elsewhere and this session cannot pick it up: unlock again. */
  | 'unlock-again';

export class SyncError extends Error {
  readonly code: SyncErrorCode;
  constructor(code: SyncErrorCode) {
    super(code);
    this.name = 'SyncError';
    this.code = code;
  }
}
