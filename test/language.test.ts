import { describe, expect, it } from 'vitest';
import { looksEnglish } from '../src/core/interview/language.js';

describe('is a sentence of the reply English?', () => {
  it.each([
    'OK.',
    'Sure.',
    'Thanks, that helps.',
    "Let's talk about Kubernetes.",
    'Design a URL shortener like bit.ly that handles 100 million new links a month.',
    'How would you use Redis con TTLs per tenant?',
    'Walk me through your CI/CD setup: build, test, deploy.',
  ])('yes: %s', (sentence) => {
    expect(looksEnglish(sentence)).toBe(true);
  });

  it.each([
    'Gracias.',
    'Hola, gracias por acompañarnos.',
    '¿Podría darme más detalles sobre eso, con un ejemplo?',
    'Merci beaucoup.',
    'Pouvez-vous me donner un exemple concret de votre travail?',
    'Danke.',
    'Können Sie mir ein Beispiel aus Ihrer Arbeit nennen, bitte?',
    '请详细说明一下你的做法。',
    'Расскажите, пожалуйста, о вашем последнем проекте.',
  ])('no: %s', (sentence) => {
    expect(looksEnglish(sentence)).toBe(false);
  });
});
