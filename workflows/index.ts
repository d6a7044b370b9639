// Every workflow the worker registers. The exported function name is the workflow type: renaming
// one breaks the cases that are running.
export { pingWorkflow } from './ping.workflow';
