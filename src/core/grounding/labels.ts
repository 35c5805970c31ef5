/**
 * Fence labels of the documents  (and of what was read in them, in the interviewer's and judge's
 * prompts). The calls log finds them by these labels to withhold them under --no-store.
 */
export const JD_LABEL = 'JOB-DESCRIPTION';
export const RESUME_LABEL = 'RESUME';
export const REQUIREMENTS_LABEL = 'JOB-REQUIREMENTS';
export const CLAIMS_LABEL = 'RESUME-CLAIMS';
export const DOCUMENT_LABELS = [JD_LABEL, RESUME_LABEL, REQUIREMENTS_LABEL, CLAIMS_LABEL] as const;
