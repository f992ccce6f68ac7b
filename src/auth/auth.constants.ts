export const ADMIN_TOKEN = Symbol('ADMIN_TOKEN');
export const PREVIEW_SECRET = Symbol('PREVIEW_SECRET');
export const ROLES_KEY = 'kernel-monthly:roles';
