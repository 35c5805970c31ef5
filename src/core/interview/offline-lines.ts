/** What the question-bank interviewer says: fixed, neutral lines (no model involved). */
export const offlineLines = {
  greeting: (roleTitle: string) => `Hello, and welcome to this ${roleTitle} practice interview. Let's begin.`,
  closing: 'That was the last question. Thank you for your time; the interview is over.',
  endedEarly: "Thank you, we'll stop here. The interview is over.",
};
