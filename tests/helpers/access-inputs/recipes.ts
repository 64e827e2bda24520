import { defineArea } from './types.ts';

// Inputs for the recipes procedures (none yet).
export default defineArea({
  async setup() {
    return {};
  },
  inputs: () => ({}),
  secrets: () => [],
});
