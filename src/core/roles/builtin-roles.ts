import type { RoleTemplate } from '../../model/role.js';
import { backendRole } from './builtin/backend.js';
import { frontendRole } from './builtin/frontend.js';
import { fullstackRole } from './builtin/fullstack.js';
import { mobileRole } from './builtin/mobile.js';
import { devopsRole } from './builtin/devops.js';
import { dataEngineerRole } from './builtin/data-engineer.js';
import { dataScientistRole } from './builtin/data-scientist.js';
import { systemDesignRole } from './builtin/system-design.js';
import { behavioralRole } from './builtin/behavioral.js';
import { engineeringManagerRole } from './builtin/engineering-manager.js';
import { productManagerRole } from './builtin/product-manager.js';

/**
 * The built-in interview roles, in the order `interview-coach roles` lists them. Each role
 * lives in its own file under builtin/ so a change to one pool is a small diff; question texts
 * are unique across all roles (see test/roles-content.test.ts).
 */
export const BUILTIN_ROLES: RoleTemplate[] = [
  backendRole,
  frontendRole,
  fullstackRole,
  mobileRole,
  devopsRole,
  dataEngineerRole,
  dataScientistRole,
  systemDesignRole,
  behavioralRole,
  engineeringManagerRole,
  productManagerRole,
];
