export type Speaker = 'interviewer' | 'candidate';

export type InterviewerTurnKind = 'greeting' | 'question' | 'follow-up' | 'closing';
export type CandidateTurnKind = 'answer' | 'skipped';
export type TurnKind = InterviewerTurnKind | CandidateTurnKind;
