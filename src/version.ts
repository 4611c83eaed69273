// Kept equal to package.json's version by a test (importing package.json would bundle it whole).
export const VERSION = '0.1.0'
