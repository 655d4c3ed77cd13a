// Builds a ClusterModel (and its detected dataplane) from fixture objects, for tests.
import { buildClusterModel } from '../../model/build';
import type { ClusterModel } from '../../model/cluster';
import type { KubeObject } from '../../model/k8s';
import { detectDataplane } from '../dataplane';
import type { Dataplane } from '../types';

/** The model of the given objects (warnings kept in `model.warnings`). */
export function modelOf(...objects: KubeObject[]): ClusterModel {
  return buildClusterModel(objects);
}

/** The model and its detected dataplane. */
export function clusterOf(...objects: KubeObject[]): { model: ClusterModel; dataplane: Dataplane } {
  const model = buildClusterModel(objects);
  return { model, dataplane: detectDataplane(model) };
}
