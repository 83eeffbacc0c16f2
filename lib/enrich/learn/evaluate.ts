// k-fold evaluation of the out-of-the-box analyzer and of the learned model. Pure.
import { analyzeSentiment } from "../sentiment";
import { emptyModel, LABELS, predict, train, type Label } from "./model";

export interface Scores {
  accuracy: number;
  macroF1: number;
  f1: Record<Label, number>;
  n: number;
}

export function score(gold: Label[], predicted: Label[]): Scores {
  const f1 = {} as Record<Label, number>;
  for (const label of LABELS) {
    let tp = 0,
      fp = 0,
      fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (p === label && g === label) tp++;
      else if (p === label) fp++;
      else if (g === label) fn++;
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    f1[label] = round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0);
  }
  const accuracy = gold.filter((g, i) => g === predicted[i]).length / gold.length;
  return {
    accuracy: round(accuracy),
    macroF1: round((f1.NEGATIVE + f1.NEUTRAL + f1.POSITIVE) / 3),
    f1,
    n: gold.length,
  };
}

const round = (x: number) => Math.round(x * 10000) / 10000;

export function crossValidate(examples: Array<{ text: string; label: Label }>, folds = 5) {
  const gold = examples.map((e) => e.label);
  const outOfTheBox = examples.map((e) => analyzeSentiment(e.text).label);
  const learned: Label[] = new Array(examples.length);
  for (let k = 0; k < folds; k++) {
    const trainSet = examples.filter((_, i) => i % folds !== k);
    const model = train(emptyModel(), trainSet);
    examples.forEach((e, i) => {
      if (i % folds === k) learned[i] = predict(model, e.text).label; // never a text it learned from
    });
  }
  return { outOfTheBox: score(gold, outOfTheBox), learned: score(gold, learned), folds };
}
