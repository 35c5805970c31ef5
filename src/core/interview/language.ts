/**
 * Is a sentence of the interviewer's reply English? Interviews run in English (the question
 * banks and the prompts are English), and small models sometimes switch to another language.
 * Two cheap signals, on whole sentences only:
 * - letters: mostly outside the Latin script (Chinese, Cyrillic, Arabic, …);
 * - words: a sentence of 4+ words with none of the commonest English words and at least two of
 *   the commonest words of Spanish, French, German, Portuguese or Italian.
 * Sentences of fewer than 4 words ("Gracias.", "OK.") are judged by their words alone: one of
 * those function words or greetings and no English word.
 */

const ENGLISH = new Set(
  'the a an and or but of to in on for with is are was were be been it this that you your i we they he she what how why when which do does did can could would should will have has had not no yes about from at by as if so then there here me my our their its'.split(
    ' ',
  ),
);

// The commonest function words of nearby languages, none of them English words.
const OTHER = new Set(
  [
    // Spanish
    'el la los las un una unos unas y o pero de del en con por para es son fue era como qué cómo cuál cuando usted tu su sus nos muy más este esta eso gracias',
    // French
    'le les une et ou mais du des dans avec pour est sont était comme quel quelle comment vous votre nous très plus ce cette merci',
    // German
    'der die das ein eine und oder aber von zu im mit für ist sind war wie was welche wann sie ihr wir sehr mehr dieser diese danke',
    // Portuguese and Italian
    'os um uma ou mas em com por para é são foi como você seu sua muito mais obrigado il lo gli uno e di che perché sono grazie',
    // Greetings a reply may start with
    'hola bonjour bonsoir hallo ciao olá buongiorno buenos buenas guten',
  ]
    .join(' ')
    .split(' ')
    .filter((w) => !ENGLISH.has(w)),
);

export function looksEnglish(sentence: string): boolean {
  const letters = sentence.match(/\p{L}/gu) ?? [];
  if (letters.length >= 8) {
    const latin = letters.filter((l) => /\p{Script=Latin}/u.test(l)).length;
    if (latin / letters.length < 0.5) return false;
  }
  const words = sentence.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  const english = words.filter((w) => ENGLISH.has(w)).length;
  const other = words.filter((w) => OTHER.has(w)).length;
  if (words.length < 4) return !(other > 0 && english === 0);
  return !(english === 0 && other >= 2) && !(other >= 3 && other > english * 2);
}
