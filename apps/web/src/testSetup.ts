import { configure } from '@testing-library/react';

// findBy* and waitFor poll until their condition holds; their timeout is a
// safety net, not an assertion on speed. Testing Library's default (1 s) ran
// out on a heavily loaded machine, so it is generous here.
configure({ asyncUtilTimeout: 15_000 });
