// Whether the app's script has taken over the page; the root layout sets it on mount. Until then a
// form's submit button stays disabled (Action.ready), because a click before the script runs would
// send the form natively, to a page that has no form actions, and the visitor would see a 405.
export const hydration = $state({ done: false });
