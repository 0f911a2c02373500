import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGlossary } from '../../src/retrieval/glossary.js';
import {
  foldWord,
  MAX_PHRASE_WORDS,
  readWordGlossary,
  WORD_LANGUAGES,
  wordLanguageOf,
  type WordLanguage,
} from '../../src/retrieval/word-glossary.js';
import { builtIndex } from '../helpers/built-index.js';
import { englishNoReaderReads } from '../helpers/glossary-english.js';

const index = await builtIndex();
/** A language's stems and their English (`stem*` entries). */
const stemsOf = (language: WordLanguage) => [...language.stemsByStart.values()].flat();

describe('src/retrieval/word-glossary.json (reviewed words)', () => {
  it('has Spanish, Portuguese, French, German, Italian and Russian, each with function words and terms', () => {
    expect(WORD_LANGUAGES.map((l) => l.code)).toEqual(['es', 'pt', 'fr', 'de', 'it', 'ru']);
    for (const language of WORD_LANGUAGES) {
      expect(language.functionWords.size, language.code).toBeGreaterThanOrEqual(30);
      expect(language.exact.size + stemsOf(language).length, language.code).toBeGreaterThanOrEqual(100);
    }
  });

  it('writes entries as folded words of one script, phrases of at most four words, and stems of four letters or more', () => {
    for (const language of WORD_LANGUAGES) {
      const script = language.code === 'ru' ? /^[\p{Script=Cyrillic} -]+$/u : /^[\p{Script=Latin} '-]+$/u;
      for (const key of language.exact.keys()) {
        expect(key, `${language.code}: ${key}`).toMatch(script);
        expect(key.split(' ').length, key).toBeLessThanOrEqual(MAX_PHRASE_WORDS);
        expect(foldWord(key), key).toBe(key);
      }
      for (const [stem] of stemsOf(language))
        expect(stem.length, `${language.code}: ${stem}*`).toBeGreaterThanOrEqual(4);
    }
  });

  it('never lists a function word as a term: a word either tells the language or is read', () => {
    for (const language of WORD_LANGUAGES) {
      const both = [...language.functionWords].filter((w) => language.exact.has(w));
      expect(both, language.code).toEqual([]);
    }
  });

  it("gives each entry English that some reader of a question reads: the knowledge's words, scope evidence or a facet", () => {
    const english = WORD_LANGUAGES.flatMap((l) => [...l.exact.values(), ...stemsOf(l).map(([, e]) => e)]);
    expect(englishNoReaderReads(index.knowledge.tips, english)).toEqual([]);
  });
});

describe('wordLanguageOf', () => {
  it('tells the language by its function words', () => {
    expect(wordLanguageOf('¿Cómo reducir el uso de memoria de una lista en Python?')?.code).toBe('es');
    expect(wordLanguageOf('Por que meu script consome tanta memória ao ler um arquivo?')?.code).toBe('pt');
    expect(wordLanguageOf('Pourquoi la mémoire de mon processus ne diminue pas ?')?.code).toBe('fr');
    expect(wordLanguageOf('Wie kann ich den Speicherverbrauch einer Liste reduzieren?')?.code).toBe('de');
    expect(wordLanguageOf('Perché la memoria non viene liberata dopo il del della lista?')?.code).toBe('it');
    expect(wordLanguageOf('Почему Python не освобождает память после удаления списка?')?.code).toBe('ru');
  });

  it('counts an entry written with a letter English does not use, for a short follow-up', () => {
    expect(wordLanguageOf('muéstrame el código')?.code).toBe('es');
    // "file" and "cache" are Italian and German entries too, but English writes them.
    expect(wordLanguageOf('file cache thread stack heap')).toBeUndefined();
  });

  it('leaves English, code and a stray foreign word alone', () => {
    for (const text of [
      'why is the memory of my list not released?',
      'pandas read_csv de la Cruz dataset uses too much memory',
      'x = [1, 2]\ndel x',
      'memoria',
      '`for x in la lista de la casa`',
    ]) {
      expect(wordLanguageOf(text), text).toBeUndefined();
    }
  });
});

describe('readWordGlossary', () => {
  it('reads the longest phrase, then the word, then the longest stem', () => {
    const reading = readWordGlossary('Fuga de memoria: la memoria no se libera al liberar la lista');
    expect(reading?.words).toEqual([
      { written: 'Fuga de memoria', english: 'memory leak' },
      { written: 'memoria', english: 'memory' },
      { written: 'no se libera', english: 'not released' },
      { written: 'liberar', english: 'free release' },
      { written: 'lista', english: 'list' },
    ]);
  });

  it('folds case and accents, and reads a German compound by its two parts', () => {
    expect(readWordGlossary('Die MEMÓRIA ist voll und der Arbeitsspeicherverbrauch steigt')?.words).toEqual([
      { written: 'Arbeitsspeicherverbrauch', english: 'memory consumption' },
      { written: 'steigt', english: 'increases' },
    ]);
  });

  it('reads a follow-up too short to tell its language in the language of the conversation', () => {
    expect(readWordGlossary('¿cuánta memoria ahorra?')).toBeUndefined();
    expect(readWordGlossary('¿cuánta memoria ahorra?', 'es')?.words).toEqual([
      { written: 'cuánta memoria ahorra', english: 'how much does it save' },
    ]);
  });

  it("keeps code as written and takes the language's function words out of the prose", () => {
    const reading = readWordGlossary('¿Por qué `del x` no libera la memoria del proceso en pandas?');
    expect(reading?.language.code).toBe('es');
    expect(reading?.rest).toContain('`del x`');
    expect(reading?.rest).toContain('pandas');
    expect(reading?.rest.replace('`del x`', '')).not.toMatch(/\bdel\b/);
  });
});

describe('readGlossary in words', () => {
  it('puts the English first and says which language it read', () => {
    const reading = readGlossary('¿Cómo puedo reducir el uso de memoria de un DataFrame de pandas?');
    expect(reading.language).toBe('Spanish');
    expect(reading.text.split('\n')[0]).toBe('how do I reduce memory usage');
    expect(reading.text).toContain('DataFrame');
    expect(reading.text).toContain('pandas');
  });

  it('reads no question of questions.json as another language', () => {
    const set = JSON.parse(readFileSync(new URL('../eval/questions.json', import.meta.url), 'utf8')) as {
      inScope: { question: string }[];
      outOfScope: { question: string }[];
    };
    const read = [...set.inScope, ...set.outOfScope].filter((q) => readGlossary(q.question).text !== q.question);
    expect(read.map((q) => q.question)).toEqual([]);
  });
});
