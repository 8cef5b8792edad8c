/** Element ids that actions move focus to; components render these ids. */
export const FOCUS = {
  statusHeading: 'status-title',
  activateHeading: 'activate-title',
  keyField: 'license-key',
  problemHeading: 'problem-title',
  cancelActivation: 'cancel-activation',
  confirmDeactivate: 'confirm-deactivate',
  deactivate: 'deactivate',
  instanceId: 'copy-instance-id',
} as const;
