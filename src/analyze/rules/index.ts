import { arrayGrowthInLoop } from './array-growth-in-loop.js';
import { cacheOnMethod } from './cache-on-method.js';
import { constantList } from './constant-list.js';
import { dataframeReadWholeFile } from './dataframe-read-whole-file.js';
import { delInReferenceCycle } from './del-in-reference-cycle.js';
import { gcCollectInLoop } from './gc-collect-in-loop.js';
import { gcDisabled } from './gc-disabled.js';
import { getsizeofContainer } from './getsizeof-container.js';
import { globalContainerGrowth } from './global-container-growth.js';
import { globalStatement } from './global-statement.js';
import { iterateOverListCopy } from './iterate-over-list-copy.js';
import { listComprehensionInReducer } from './list-comprehension-in-reducer.js';
import { listConcatInLoop } from './list-concat-in-loop.js';
import { listOfLargeRange } from './list-of-large-range.js';
import { mutableDefaultArgument } from './mutable-default-argument.js';
import { nestedFloatLists } from './nested-float-lists.js';
import { openWithoutWith } from './open-without-with.js';
import { readWholeFile } from './read-whole-file.js';
import { readlinesIntoList } from './readlines-into-list.js';
import { repeatedStringKeys } from './repeated-string-keys.js';
import { storedException } from './stored-exception.js';
import { stringConcatInLoop } from './string-concat-in-loop.js';
import { sumOfLists } from './sum-of-lists.js';
import { twoWayReference } from './two-way-reference.js';
import { unboundedCache } from './unbounded-cache.js';
import type { Rule } from '../rule.js';

/** Every rule the analyzer runs, in the order of the README's table. */
export const RULES: readonly Rule[] = [
  stringConcatInLoop,
  openWithoutWith,
  readWholeFile,
  readlinesIntoList,
  listComprehensionInReducer,
  sumOfLists,
  listConcatInLoop,
  iterateOverListCopy,
  listOfLargeRange,
  globalStatement,
  globalContainerGrowth,
  mutableDefaultArgument,
  cacheOnMethod,
  unboundedCache,
  twoWayReference,
  delInReferenceCycle,
  storedException,
  gcDisabled,
  gcCollectInLoop,
  dataframeReadWholeFile,
  arrayGrowthInLoop,
  nestedFloatLists,
  constantList,
  getsizeofContainer,
  repeatedStringKeys,
];
