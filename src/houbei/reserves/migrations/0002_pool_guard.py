"""The database refuses a candidate in the pool (or any later stage) without a completed joint
review (未经联审不得入库/任职): at least one department's opinion and every opinion a pass.
No service, command, API or shell can bypass it."""

from django.db import migrations

STAGES = "('pooled','trained','placed','evaluated','polled','appointed')"
INCOMPLETE = """(NOT EXISTS (SELECT 1 FROM reserves_jointreview r WHERE r.candidate_id = NEW.id)
   OR EXISTS (SELECT 1 FROM reserves_jointreview r
              WHERE r.candidate_id = NEW.id AND r.outcome <> 'passed'))"""
MESSAGE = "joint review incomplete: candidate cannot enter the pool"

SQLITE = [
    f"""CREATE TRIGGER reserves_candidate_pool_guard_update
       BEFORE UPDATE OF stage ON reserves_candidate
       WHEN NEW.stage IN {STAGES} AND {INCOMPLETE}
       BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER reserves_candidate_pool_guard_insert
       BEFORE INSERT ON reserves_candidate
       WHEN NEW.stage IN {STAGES}
       BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION reserves_candidate_pool_guard() RETURNS trigger AS $$
       BEGIN
         IF NEW.stage IN {STAGES} AND (TG_OP = 'INSERT' OR {INCOMPLETE}) THEN
           RAISE EXCEPTION '{MESSAGE}';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER reserves_candidate_pool_guard
       BEFORE INSERT OR UPDATE OF stage ON reserves_candidate
       FOR EACH ROW EXECUTE FUNCTION reserves_candidate_pool_guard()""",
]


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)


def uninstall(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS reserves_candidate_pool_guard ON reserves_candidate"
        )
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS reserves_candidate_pool_guard_update")
        schema_editor.execute("DROP TRIGGER IF EXISTS reserves_candidate_pool_guard_insert")


class Migration(migrations.Migration):
    dependencies = [("reserves", "0001_initial")]
    operations = [migrations.RunPython(install, uninstall)]
