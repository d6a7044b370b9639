// The timeline is built where the worker's verification can use it too (libs/temporal).
export { buildTimeline, fetchCaseRuns, type CaseRun, type Timeline, type TimelineEntry } from '#temporal';
