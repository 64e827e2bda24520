// The catalogue of feature flags (docs/rules/platform-console.md, Feature flags): a key, what it gates, and
// its default. The console switches a flag for the platform and overrides it per organization; code reads
// it with isEnabled (domain/dev/feature-flags.ts). A flag marked `wired` gates code today.
export const FEATURE_FLAGS = [
  {
    key: 'FEATURE_CSV_EXPORT',
    description: 'CSV downloads of inventory items and the ledger (Inventory → Export).',
    default: true,
    wired: true,
  },
  {
    key: 'FEATURE_INVENTORY_IMPORT',
    description: 'Importing inventory items from a CSV file.',
    default: true,
    wired: false,
  },
  {
    key: 'FEATURE_BARCODE_SCANNING',
    description: 'Scanning barcodes to find items (not built yet).',
    default: false,
    wired: false,
  },
  {
    key: 'FEATURE_GLOBAL_ITEM_LIBRARY',
    description: 'The shared library of reference items (not built yet).',
    default: false,
    wired: false,
  },
] as const;

export type FeatureFlagKey = (typeof FEATURE_FLAGS)[number]['key'];
export const FEATURE_FLAG_KEYS = FEATURE_FLAGS.map((f) => f.key) as FeatureFlagKey[];
