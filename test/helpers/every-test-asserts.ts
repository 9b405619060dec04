// Vitest setup file: a test that makes no assertion fails. A test that could only fail by timing out (or
// by throwing) passes while proving nothing; this makes every test say what it checked.
import { beforeEach, expect } from 'vitest';

beforeEach(() => {
  expect.hasAssertions();
});
