/** Never logged: credentials, cookies, tokens and passwords wherever they appear. */
export const logRedactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.key',
  '*.secret',
];
