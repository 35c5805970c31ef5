/** One line of doctor's table (and of start --voice's refusal): what was checked and how it went. */
export type CheckStatus = 'ok' | 'missing' | 'warn';

export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
  /** How to fix it, when it is not ok. */
  fix?: string;
  /** Voice mode cannot run without it. */
  requiredForVoice: boolean;
}
