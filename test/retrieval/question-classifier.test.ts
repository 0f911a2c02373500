import { describe, expect, it } from 'vitest';
import { packSections, PackedFormatError, PackedSections } from '../../src/retrieval/packed-tables.js';
import { QuestionClassifier, type ClassifierExample } from '../../src/retrieval/question-classifier.js';

const CLASSES = ['classes--slots', 'weakref--weakvaluedictionary', 'freeing--memory-not-returned-to-the-os'];

// Every class shares the words "memory" and "python"; only the others tell them apart.
const EXAMPLES: ClassifierExample[] = [
  { terms: ['memory', 'python', 'instance', 'attribute', 'dict'], label: 0 },
  { terms: ['memory', 'million', 'instance', 'slot'], label: 0 },
  { terms: ['memory', 'python', 'class', 'attribute', 'slot'], label: 0 },
  { terms: ['memory', 'cache', 'weak', 'reference'], label: 1 },
  { terms: ['memory', 'python', 'cache', 'object', 'alive'], label: 1 },
  { terms: ['memory', 'weak', 'value', 'dictionary'], label: 1 },
  { terms: ['memory', 'python', 'rss', 'release', 'os'], label: 2 },
  { terms: ['memory', 'process', 'release', 'delete'], label: 2 },
  { terms: ['memory', 'python', 'rss', 'arena', 'os'], label: 2 },
];

function probabilities(classifier: QuestionClassifier, terms: string[]): number[] {
  const out = new Float64Array(classifier.classes.size);
  classifier.probabilities(terms, out);
  return [...out];
}

describe('QuestionClassifier', () => {
  const classifier = QuestionClassifier.train(EXAMPLES, CLASSES);

  it('learns the words that tell units apart, not the ones they share', () => {
    const slots = probabilities(classifier, ['memory', 'slot', 'instance']);
    expect(slots.indexOf(Math.max(...slots))).toBe(0);
    const cache = probabilities(classifier, ['python', 'cache', 'weak']);
    expect(cache.indexOf(Math.max(...cache))).toBe(1);
    const rss = probabilities(classifier, ['memory', 'rss', 'os']);
    expect(rss.indexOf(Math.max(...rss))).toBe(2);
    // "memory" is in every example: alone it points to no unit in particular.
    const shared = probabilities(classifier, ['memory', 'python']);
    expect(Math.max(...shared) - Math.min(...shared)).toBeLessThan(0.2);
    expect(shared.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('counts a repeated term once and ignores terms it never saw', () => {
    expect(probabilities(classifier, ['slot', 'slot', 'unheard'])).toEqual(probabilities(classifier, ['slot']));
    const none = probabilities(classifier, ['unheard']);
    expect(none.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('trains the same classifier from the same examples, and packs it to read back identical scores', () => {
    const again = QuestionClassifier.train(EXAMPLES, CLASSES);
    const read = QuestionClassifier.fromSections(PackedSections.read(packSections(classifier.sections())));
    expect(read?.classes.toArray()).toEqual(CLASSES);
    for (const terms of [['slot'], ['cache', 'memory'], ['rss', 'release', 'process'], []]) {
      expect(probabilities(again, terms)).toEqual(probabilities(classifier, terms));
      expect(probabilities(read as QuestionClassifier, terms)).toEqual(probabilities(classifier, terms));
    }
  });

  it('is absent from tables built without example questions, and refuses tables that do not add up', () => {
    expect(QuestionClassifier.fromSections(PackedSections.read(packSections({})))).toBeUndefined();
    const sections = classifier.sections();
    const broken = { ...sections, 'classifier.bias': new Float32Array(2) };
    expect(() => QuestionClassifier.fromSections(PackedSections.read(packSections(broken)))).toThrow(PackedFormatError);
  });

  it('refuses an example whose label is not a class', () => {
    expect(() => QuestionClassifier.train([{ terms: ['x'], label: 3 }], CLASSES)).toThrow(RangeError);
  });
});
