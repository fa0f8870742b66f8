"""The curated knowledge base (pipeline/kb/data/*.csv) as assets, validated at load."""

import dagster as dg
import polars as pl

from assets.resources import KhabarConfig
from assets.support import OWNERS, emit_checks, spec, table_metadata
from pipeline.kb.load import load_kb, validate_kb
from pipeline.quality import frames as fc

GROUP = "knowledge"
ENTITY_TYPES = ("PERSON", "ORG", "LOC")


@dg.multi_asset(
    name="knowledge_base",
    group_name=GROUP,
    outs={
        "entities": dg.AssetOut(description="Canonical entities: type, subtype, Arabic and English names, country, "
                                "coordinates for places.", owners=OWNERS, kinds={"csv", "polars"}),
        "entity_aliases": dg.AssetOut(description="Arabic and English aliases with their matching keys.",
                                      owners=OWNERS, kinds={"csv", "polars"}),
        "entity_known_roles": dg.AssetOut(description="Roles persons are known to hold (title, organisation, years).",
                                          owners=OWNERS, kinds={"csv", "polars"}),
        "entity_alias_rules": dg.AssetOut(description="Disambiguation rules from the knowledge-base notes (an alias "
                                          "shared with another entity, or accepted only after a full-name mention).",
                                          owners=OWNERS, kinds={"csv", "polars"}),
    },
    check_specs=[
        spec("entities", "entity_id_unique", "entity_id is unique"),
        spec("entities", "names_not_empty", "every entity has an Arabic and an English name"),
        spec("entities", "types_accepted", "entity_type in PERSON, ORG, LOC"),
        spec("entity_aliases", "no_unresolved_alias_conflicts",
             "no alias is claimed by two entities without a rule that separates them"),
        spec("entity_aliases", "aliases_refer_to_entities", "every alias belongs to an existing entity"),
        spec("entity_known_roles", "roles_refer_to_entities", "roles point to existing persons and organisations"),
        spec("entity_alias_rules", "rules_refer_to_entities", "every rule names existing entities"),
    ],
)
def knowledge_base_assets(context: dg.AssetExecutionContext, khabar: KhabarConfig):
    kb = load_kb()
    problems = validate_kb(kb)
    errors = [p for p in problems if p.get("severity") == "error"]
    context.log.info(f"knowledge base: {kb.entities.height} entities, {kb.aliases.height} aliases, "
                     f"{len(errors)} errors, {len(problems) - len(errors)} warnings")
    by_type = dict(kb.entities.group_by("entity_type").len().iter_rows()) if kb.entities.height else {}
    yield dg.Output(kb.entities, output_name="entities", metadata=table_metadata(kb.entities, {
        "entities": kb.entities.height, "by_type": by_type}))
    yield dg.Output(kb.aliases, output_name="entity_aliases", metadata=table_metadata(kb.aliases, {
        "aliases": kb.aliases.height}))
    yield dg.Output(kb.roles, output_name="entity_known_roles", metadata=table_metadata(kb.roles))
    yield dg.Output(kb.alias_rules, output_name="entity_alias_rules", metadata=table_metadata(kb.alias_rules))
    wh = khabar.settings().warehouse
    names_empty = kb.entities.filter(
        pl.col("name_ar").is_null() | (pl.col("name_ar").str.strip_chars() == "")
        | pl.col("name_en").is_null() | (pl.col("name_en").str.strip_chars() == ""))
    conflicts = [p for p in errors if "alias" in p.get("rule", "")]
    other = [p for p in errors if "alias" not in p.get("rule", "")]
    yield from emit_checks(context, "entities", [
        fc.unique(kb.entities, ["entity_id"], name="entity_id_unique"),
        fc.CheckOutcome("names_not_empty", names_empty.height == 0 and not other, float(names_empty.height + len(other)),
                        {"empty": names_empty["entity_id"].head(5).to_list(), "errors": other[:5]}),
        fc.accepted_values(kb.entities, "entity_type", ENTITY_TYPES, name="types_accepted", allow_null=False),
    ], wh)
    yield from emit_checks(context, "entity_aliases", [
        fc.CheckOutcome("no_unresolved_alias_conflicts", not conflicts, float(len(conflicts)), {"examples": conflicts[:10]}),
        fc.relationships(kb.aliases, "entity_id", kb.entities, "entity_id", name="aliases_refer_to_entities"),
    ], wh)
    roles_ok = fc.relationships(kb.roles, "entity_id", kb.entities, "entity_id", name="roles_refer_to_entities")
    orgs_ok = fc.relationships(kb.roles, "org_entity_id", kb.entities, "entity_id", name="roles_refer_to_entities")
    yield from emit_checks(context, "entity_known_roles", [fc.CheckOutcome(
        "roles_refer_to_entities", roles_ok.passed and orgs_ok.passed, (roles_ok.metric or 0) + (orgs_ok.metric or 0),
        {"persons": roles_ok.details, "organisations": orgs_ok.details})], wh)
    r1 = fc.relationships(kb.alias_rules, "entity_id", kb.entities, "entity_id", name="rules_refer_to_entities")
    r2 = fc.relationships(kb.alias_rules, "other_entity_id", kb.entities, "entity_id", name="rules_refer_to_entities")
    yield from emit_checks(context, "entity_alias_rules", [fc.CheckOutcome(
        "rules_refer_to_entities", r1.passed and r2.passed, (r1.metric or 0) + (r2.metric or 0),
        {"entity_id": r1.details, "other_entity_id": r2.details})], wh)
