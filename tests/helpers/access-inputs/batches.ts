import { defineArea } from './types.ts';

// Inputs for the batches procedures (none yet).
export default defineArea({
  async setup() {
    return {};
  },
  inputs: () => ({}),
  secrets: () => [],
});
