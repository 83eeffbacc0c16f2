import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
// A fixed secret-store key: tests never write a generated one into the repository's .data/.
process.env.EARSHOT_SECRET_KEY ??= "test-secret-key-for-earshot-integration-tests-0001";
