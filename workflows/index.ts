// Every workflow the worker registers. The exported function name is the workflow type: renaming
// one breaks the cases that are running.
export { catalogChangeWorkflow } from './catalog-change.workflow';
export { caseWorkflow } from './case.workflow';
export { caseVerificationWorkflow } from './case-verification.workflow';
export { disclosureRequestWorkflow } from './disclosure-request.workflow';
