"""The TypeScript target: an ESM package of strict interfaces and request functions, with no dependencies."""
