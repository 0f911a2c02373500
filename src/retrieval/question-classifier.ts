import { PackedFormatError, PackedStrings, type PackedArray, type PackedSections } from './packed-tables.js';

/** One training question: its search terms (see `tokenize`) and the index of the unit it was written for. */
export interface ClassifierExample {
  readonly terms: readonly string[];
  readonly label: number;
}

export interface ClassifierTraining {
  /** Passes of full-batch gradient descent (Adam). Default 200. */
  readonly epochs?: number;
  /** L2 penalty per weight, per example. Default 1e-3. */
  readonly l2?: number;
  /** Adam's step size. Default 0.05. */
  readonly learningRate?: number;
}

/**
 * Multinomial logistic regression from a question's terms to the unit that answers it, trained at
 * build time on example questions written for each unit (the `questions` of `*.search.json`).
 * Unlike the similarity signals it is discriminative: it learns which words tell one unit from the
 * others ("ints" for the unit on number objects) and that the words every memory question shares
 * ("memory", "usage") tell none apart.
 *
 * A question is the set of its distinct terms, L2-normalized (each present term weighs `1/√n`),
 * so a long question does not make the classifier more certain. Training is full-batch Adam from
 * zero weights: the same examples give the same classifier on every machine. Weights are kept
 * as one signed byte each with a scale per term (a quarter of the bytes of floats), and the
 * classifier trained is the one packed, so build and runtime score alike.
 *
 * @example
 * const classifier = QuestionClassifier.train(examples, ['slots', 'weakref']);
 * const out = new Float64Array(classifier.classes.size);
 * classifier.probabilities(tokenize('too many instances'), out); // out[c]: class c's probability
 */
export class QuestionClassifier {
  private constructor(
    /** Term i's weights are row i. */
    private readonly features: PackedStrings,
    /** The unit (tip id) of each class. */
    readonly classes: PackedStrings,
    /** `features.size × classes.size`, row-major: weight = `quantized · scale[row]`. */
    private readonly quantized: Int8Array,
    private readonly scale: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  /**
   * Learns from `examples` (their `label` indexes `classes`, the units' ids).
   * @throws RangeError when a label is not a class.
   */
  static train(
    examples: readonly ClassifierExample[],
    classes: readonly string[],
    options: ClassifierTraining = {},
  ): QuestionClassifier {
    const epochs = options.epochs ?? 200;
    const l2 = options.l2 ?? 1e-3;
    const rate = options.learningRate ?? 0.05;
    const count = classes.length;
    const features = new Map<string, number>();
    const rows = examples.map((e) => {
      if (!Number.isInteger(e.label) || e.label < 0 || e.label >= count)
        throw new RangeError(`Example label ${e.label} is not one of ${count} classes.`);
      const ids = [...new Set(e.terms)].map((term) => {
        let id = features.get(term);
        if (id === undefined) {
          id = features.size;
          features.set(term, id);
        }
        return id;
      });
      return { ids, value: ids.length > 0 ? 1 / Math.sqrt(ids.length) : 0, label: e.label };
    });
    const size = features.size * count;
    const w = new Float64Array(size + count); // the weights, then the biases
    const grad = new Float64Array(w.length);
    const m = new Float64Array(w.length);
    const v = new Float64Array(w.length);
    const logits = new Float64Array(count);
    const n = Math.max(1, rows.length);
    // The hot loop of a build (about 3,650 questions × 77 units × 200 epochs): typed arrays indexed
    // from each feature's row offset. Every weight still sums its gradient over the questions in the
    // same order, so the trained weights (and the index) are bit for bit what a plainer loop gives.
    for (let epoch = 1; epoch <= epochs; epoch++) {
      grad.fill(0);
      for (const row of rows) {
        const x = row.value;
        for (let c = 0; c < count; c++) logits[c] = w[size + c]!;
        for (const f of row.ids) {
          const base = f * count;
          for (let c = 0; c < count; c++) logits[c] = logits[c]! + w[base + c]! * x;
        }
        softmaxInPlace(logits, count);
        logits[row.label] = logits[row.label]! - 1; // now ∂loss/∂logit
        for (let c = 0; c < count; c++) {
          logits[c] = logits[c]! / n;
          grad[size + c] = grad[size + c]! + logits[c]!;
        }
        for (const f of row.ids) {
          const base = f * count;
          for (let c = 0; c < count; c++) grad[base + c] = grad[base + c]! + logits[c]! * x;
        }
      }
      for (let i = 0; i < size; i++) grad[i] = grad[i]! + l2 * w[i]!;
      // Adam, β₁ 0.9 and β₂ 0.999.
      const c1 = 1 - 0.9 ** epoch;
      const c2 = 1 - 0.999 ** epoch;
      for (let i = 0; i < w.length; i++) {
        const g = grad[i]!;
        const mi = 0.9 * m[i]! + 0.1 * g;
        const vi = 0.999 * v[i]! + 0.001 * g * g;
        m[i] = mi;
        v[i] = vi;
        w[i] = w[i]! - (rate * (mi / c1)) / (Math.sqrt(vi / c2) + 1e-8);
      }
    }
    const quantized = new Int8Array(size);
    const scale = new Float32Array(features.size);
    for (let f = 0; f < features.size; f++) {
      let max = 0;
      for (let c = 0; c < count; c++) max = Math.max(max, Math.abs(w[f * count + c] ?? 0));
      scale[f] = max / 127;
      for (let c = 0; c < count; c++)
        quantized[f * count + c] = max > 0 ? Math.round(((w[f * count + c] ?? 0) / max) * 127) : 0;
    }
    return new QuestionClassifier(
      PackedStrings.from(features.keys()),
      PackedStrings.from(classes),
      quantized,
      scale,
      Float32Array.from(w.subarray(size)),
    );
  }

  /** The arrays `packSections` stores, under `classifier.`. */
  sections(): Record<string, PackedArray> {
    return {
      ...this.features.sections('classifier.features'),
      ...this.classes.sections('classifier.classes'),
      'classifier.weights': this.quantized,
      'classifier.scale': this.scale,
      'classifier.bias': this.bias,
    };
  }

  /** The packed classifier, or `undefined` when the build had no example questions. */
  static fromSections(sections: PackedSections): QuestionClassifier | undefined {
    if (!sections.has('classifier.bias')) return undefined;
    const classifier = new QuestionClassifier(
      PackedStrings.fromSections(sections, 'classifier.features'),
      PackedStrings.fromSections(sections, 'classifier.classes'),
      sections.get('classifier.weights', Int8Array),
      sections.get('classifier.scale', Float32Array),
      sections.get('classifier.bias', Float32Array),
    );
    const { features, classes, quantized, scale, bias } = classifier;
    if (
      bias.length !== classes.size ||
      scale.length !== features.size ||
      quantized.length !== features.size * classes.size
    )
      throw new PackedFormatError('The packed question classifier does not add up: rebuild the index.');
    return classifier;
  }

  /**
   * Each class's probability for a question with these terms (they sum to 1), into `out` (at
   * least `classes.size` long). Returns how many distinct terms it knew: what the verdict rests on.
   */
  probabilities(terms: readonly string[], out: Float64Array): number {
    const count = this.classes.size;
    const rows = new Set<number>();
    for (const term of terms) {
      const row = this.features.indexOf(term);
      if (row >= 0) rows.add(row);
    }
    const value = rows.size > 0 ? 1 / Math.sqrt(rows.size) : 0;
    for (let c = 0; c < count; c++) out[c] = this.bias[c] ?? 0;
    for (const f of rows) {
      const weight = (this.scale[f] ?? 0) * value;
      for (let c = 0; c < count; c++) out[c] = (out[c] ?? 0) + (this.quantized[f * count + c] ?? 0) * weight;
    }
    softmaxInPlace(out, count);
    return rows.size;
  }
}

function softmaxInPlace(x: Float64Array, length: number): void {
  let max = -Infinity;
  for (let i = 0; i < length; i++) max = Math.max(max, x[i] ?? 0);
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const e = Math.exp((x[i] ?? 0) - max);
    x[i] = e;
    sum += e;
  }
  for (let i = 0; i < length; i++) x[i] = (x[i] ?? 0) / sum;
}
