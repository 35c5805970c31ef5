// @ts-check
// What otherLanguage() says: the fixed turns in Spanish, French and German, and a small
// phrasebook of planned questions from the built-in roles. A question the phrasebook does not
// know becomes a generic question of the model's own, in the same language.

/**
 * @typedef {'es' | 'fr' | 'de'} Language
 */

/**
 * @typedef {object} Phrases
 * @property {string} greeting
 * @property {string} ack
 * @property {string} followUp
 * @property {string} closing
 * @property {string} generic the question asked when the planned one is not in the phrasebook
 */

/** @type {Record<Language, Phrases>} */
const TURNS = {
  es: {
    greeting: 'Hola, gracias por acompañarnos.',
    ack: 'Gracias.',
    followUp: '¿Podría darme más detalles sobre eso, con un ejemplo concreto?',
    closing: 'Gracias por su tiempo. La entrevista ha terminado; a continuación recibirá sus comentarios.',
    generic: '¿Podría hablarme de un proyecto reciente del que se sienta especialmente orgulloso?',
  },
  fr: {
    greeting: 'Bonjour, merci de vous joindre à nous.',
    ack: 'Merci.',
    followUp: 'Pourriez-vous me donner plus de détails, avec un exemple concret ?',
    closing: "Merci pour votre temps. L'entretien est terminé ; vous recevrez ensuite un retour.",
    generic: "Pourriez-vous me parler d'un projet récent dont vous êtes particulièrement fier ?",
  },
  de: {
    greeting: 'Hallo, danke, dass Sie heute dabei sind.',
    ack: 'Danke.',
    followUp: 'Könnten Sie das genauer erklären, am besten mit einem konkreten Beispiel?',
    closing: 'Vielen Dank für Ihre Zeit. Das Interview ist beendet; Sie erhalten gleich Ihr Feedback.',
    generic: 'Könnten Sie mir von einem aktuellen Projekt erzählen, auf das Sie besonders stolz sind?',
  },
};

/**
 * Planned questions of the built-in roles, translated.
 * @type {Record<string, Record<Language, string>>}
 */
export const PHRASEBOOK = {
  'Tell me about yourself and what draws you to this role.': {
    es: 'Hábleme de usted y de lo que le atrae de este puesto.',
    fr: 'Parlez-moi de vous et de ce qui vous attire dans ce poste.',
    de: 'Erzählen Sie mir etwas über sich und darüber, was Sie an dieser Stelle reizt.',
  },
  'Tell me about a time you helped a teammate who was struggling.': {
    es: 'Cuénteme una ocasión en la que ayudó a un compañero de equipo que tenía dificultades.',
    fr: 'Racontez-moi une fois où vous avez aidé un coéquipier qui était en difficulté.',
    de: 'Erzählen Sie von einer Situation, in der Sie einem Teammitglied geholfen haben, das Schwierigkeiten hatte.',
  },
  'What is overfitting, and how do you detect it?': {
    es: '¿Qué es el sobreajuste y cómo lo detecta?',
    fr: "Qu'est-ce que le surapprentissage, et comment le détectez-vous ?",
    de: 'Was ist Overfitting, und wie erkennen Sie es?',
  },
  'What is the difference between an SLI, an SLO and an SLA?': {
    es: '¿Cuál es la diferencia entre un SLI, un SLO y un SLA?',
    fr: 'Quelle est la différence entre un SLI, un SLO et un SLA ?',
    de: 'Was ist der Unterschied zwischen einem SLI, einem SLO und einem SLA?',
  },
  'How would you decide between a relational database and a document store for a new service?': {
    es: '¿Cómo decidiría entre una base de datos relacional y una base de datos documental para un servicio nuevo?',
    fr: 'Comment choisiriez-vous entre une base de données relationnelle et une base orientée documents pour un nouveau service ?',
    de: 'Wie würden Sie sich bei einem neuen Dienst zwischen einer relationalen Datenbank und einer Dokumentendatenbank entscheiden?',
  },
  'What makes an HTTP endpoint idempotent, and why does it matter for clients that retry?': {
    es: '¿Qué hace que un endpoint HTTP sea idempotente y por qué es importante para los clientes que reintentan sus peticiones?',
    fr: "Qu'est-ce qui rend un endpoint HTTP idempotent, et pourquoi est-ce important pour les clients qui réessaient ?",
    de: 'Was macht einen HTTP-Endpunkt idempotent, und warum ist das für Clients wichtig, die Anfragen wiederholen?',
  },
};

/**
 * The turns in `lang`, and a translator for planned questions: `translations` (English question
 * -> translation, for the test's own questions) first, then the phrasebook, else the generic
 * question. Questions match exactly, ignoring case and surrounding whitespace.
 * @param {Language} lang
 * @param {Record<string, string>} [translations]
 */
export function phrasesFor(lang, translations = {}) {
  const turns = TURNS[lang];
  if (!turns) throw new Error(`otherLanguage: no phrases for ${JSON.stringify(lang)} (es, fr, de)`);
  const key = (/** @type {string} */ q) => q.trim().toLowerCase();
  /** @type {Map<string, string>} */
  const known = new Map();
  for (const [en, byLang] of Object.entries(PHRASEBOOK)) known.set(key(en), byLang[lang]);
  for (const [en, translated] of Object.entries(translations)) known.set(key(en), translated);
  return { ...turns, question: (/** @type {string} */ q) => known.get(key(q)) ?? turns.generic };
}
