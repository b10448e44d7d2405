import { verifiedDocExamples } from '../../support/verify';

// A verified-mode rule: its page's examples run through `supaguard verify`'s pipeline (the static rule tester cannot trigger it).
verifiedDocExamples('sql/migration-fails');
