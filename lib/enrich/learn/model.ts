// A per-workspace sentiment model: multinomial logistic regression over sparse binary
// features, trained online (AdaGrad), so new labelled examples update it incrementally.
// Serialisable to JSON for storage in the database. Pure.
import { featurize } from "./features";

export const LABELS = ["NEGATIVE", "NEUTRAL", "POSITIVE"] as const;
export type Label = (typeof LABELS)[number];

export interface ModelState {
  version: 1;
  examples: number;
  /** feature -> weights per label (in LABELS order). */
  weights: Record<string, [number, number, number]>;
  /** AdaGrad accumulators, same shape. */
  grads: Record<string, [number, number, number]>;
}

export function emptyModel(): ModelState {
  return { version: 1, examples: 0, weights: {}, grads: {} };
}

// Tuned by 5-fold cross-validation on the airline tweets (npm run -s earshot -- sentiment eval).
const LEARNING_RATE = 0.05;
const L2 = 1e-5;

function scores(model: ModelState, features: string[]): [number, number, number] {
  const s: [number, number, number] = [0, 0, 0];
  for (const f of features) {
    const w = model.weights[f];
    if (w) {
      s[0] += w[0];
      s[1] += w[1];
      s[2] += w[2];
    }
  }
  return s;
}

function softmax(s: [number, number, number]): [number, number, number] {
  const m = Math.max(...s);
  const e = s.map((x) => Math.exp(x - m)) as [number, number, number];
  const z = e[0] + e[1] + e[2];
  return [e[0] / z, e[1] / z, e[2] / z];
}

export function predictFeatures(
  model: ModelState,
  features: string[],
): { label: Label; probabilities: [number, number, number] } {
  const p = softmax(scores(model, features));
  const best = p.indexOf(Math.max(...p));
  return { label: LABELS[best], probabilities: p };
}

export function predict(model: ModelState, text: string) {
  return predictFeatures(model, featurize(text));
}

/** One online update with one labelled example. */
export function learnOne(model: ModelState, features: string[], label: Label): void {
  const target = LABELS.indexOf(label);
  const p = softmax(scores(model, features));
  for (const f of features) {
    const w = (model.weights[f] ??= [0, 0, 0]);
    const g2 = (model.grads[f] ??= [0, 0, 0]);
    for (let k = 0; k < 3; k++) {
      const g = p[k] - (k === target ? 1 : 0) + L2 * w[k];
      g2[k] += g * g;
      w[k] -= (LEARNING_RATE / Math.sqrt(g2[k] + 1e-8)) * g;
    }
  }
  model.examples++;
}

/** Trains on a set of examples for a few passes (shuffled deterministically). */
export function train(model: ModelState, examples: Array<{ text: string; label: Label }>, epochs = 8): ModelState {
  const featurized = examples.map((e) => ({ f: featurize(e.text), label: e.label }));
  let seed = 1;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = featurized.map((_, i) => i).sort(() => rand() - 0.5);
    for (const i of order) learnOne(model, featurized[i].f, featurized[i].label);
  }
  model.examples = examples.length;
  return model;
}

/** The strongest features behind a prediction, for explanations. */
export function explain(model: ModelState, text: string, top = 5): Array<{ feature: string; weight: number }> {
  const features = featurize(text);
  const { label } = predictFeatures(model, features);
  const k = LABELS.indexOf(label);
  return features
    .filter((f) => model.weights[f])
    .map((f) => ({
      feature: f,
      weight: model.weights[f][k] - (model.weights[f][0] + model.weights[f][1] + model.weights[f][2]) / 3,
    }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, top);
}
