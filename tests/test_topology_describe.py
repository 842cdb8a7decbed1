"""describe() says in words what diagram() draws; the styles carry meaning only as extra."""

from __future__ import annotations

from tutor.content.model import Host, Link, Service, Topology
from tutor.topology import describe, diagram
from tutor.topology.examples import environment_examples, learner_setup

S = Service
LAPTOP = Topology(
    (
        Host(
            "laptop",
            "Contributor laptop",
            "workstation",
            (S("app", "MVC app", "app"), S("db", "MySQL", "relational-database")),
        ),
    ),
    (Link("app", "db"),),
)
MANAGED = Topology(
    (
        Host("vm", "Web VM", "vm", (S("app", "MVC app", "app"),)),
        Host(
            "az",
            "Azure Database for MySQL",
            "managed-service",
            (S("db", "MySQL", "relational-database"),),
        ),
        Host(
            "q", "Queue box", "server", (S("mq", "RabbitMQ", "queue"), S("mail", "Mailer", "other"))
        ),
    ),
    (Link("app", "db"), Link("mq", "mail")),
)


def test_internal_service_is_described_as_on_the_same_host() -> None:
    text = describe(LAPTOP)
    assert (
        "The app 'MVC app' runs on 'Contributor laptop'. It uses 'MySQL', which runs on the "
        "same host: an internal backing service." in text
    )
    assert "The host 'Contributor laptop' is a workstation." in text


def test_external_managed_hosts_and_other_links_are_described() -> None:
    text = describe(MANAGED)
    assert (
        "It uses 'MySQL', which runs on 'Azure Database for MySQL', another host reached over "
        "the network: an external backing service." in text
    )
    assert "'Azure Database for MySQL' is a managed cloud service" in text
    assert "The diagram shows 3 hosts." in text
    assert "'RabbitMQ' is linked to 'Mailer' on the same host." in text
    # Linked to each other but to no app: the placement rule's third answer, in words.
    assert "No app uses 'RabbitMQ' (no link joins it to an app), so it is neither" in text
    assert "No app uses 'Mailer'" in text and "No app uses 'MySQL'" not in text
    for label in ("Web VM", "Queue box", "RabbitMQ", "Mailer"):
        assert f"'{label}'" in text


def test_previews_are_described_as_drawn() -> None:
    external = describe(LAPTOP, placement={"db": "external"})
    assert external.startswith("The diagram shows 2 hosts.")
    assert "Preview: 'MySQL' is shown on a host of its own, 'Separate host'" in external
    assert "which runs on 'Separate host', another host reached over the network" in external
    internal = describe(MANAGED, placement={"db": "internal"})
    assert "Preview: 'MySQL' is shown inside 'Web VM'" in internal
    assert "which runs on the same host: an internal backing service" in internal
    # The managed host held only MySQL: the preview does not leave an empty box behind.
    assert "Azure Database for MySQL" not in internal
    assert "Azure Database for MySQL" not in diagram(MANAGED, 120, placement={"db": "internal"})


def test_unknown_service_is_not_placed_yet() -> None:
    text = describe(MANAGED, unknown="db")
    assert "'MySQL' is not placed yet" in text
    assert "It uses 'MySQL', which is not placed yet." in text
    assert "Azure Database for MySQL" not in text  # its real host would give the answer away
    plain = diagram(MANAGED, 120, unknown="db").plain
    assert "? not placed yet" in plain and "[DB] MySQL ?" in plain and "─?─" in plain
    assert "┄" in plain and "┆" in plain  # a dashed box


def test_a_preview_of_the_unknown_service_replaces_the_question_mark() -> None:
    plain = diagram(LAPTOP, 80, unknown="db", placement={"db": "external"}).plain
    assert "?" not in plain and "Separate host" in plain


def test_an_invalid_preview_keeps_the_service_unplaced() -> None:
    plain = diagram(LAPTOP, 80, unknown="db", placement={"db": "maybe"}).plain
    assert "? not placed yet" in plain


def test_placement_for_a_missing_service_changes_nothing() -> None:
    assert diagram(LAPTOP, 80, placement={"nope": "external"}) == diagram(LAPTOP, 80)
    assert describe(LAPTOP, unknown="nope") == describe(LAPTOP)


def test_styles_colour_kinds_bold_hosts_and_dim_link_labels() -> None:
    text = diagram(MANAGED, 120)
    styled = {text.plain[span.start : span.end]: str(span.style) for span in text.spans}
    assert "bold" in styled["Web VM"]
    assert "magenta" in styled["[DB]"] and "cyan" in styled["[app]"]
    assert "dim" in styled["network"]
    assert "blue" in styled[" · ☁ managed"] or "blue" in styled.get("☁ managed", "")


def test_environment_examples_follow_the_article() -> None:
    examples = environment_examples()
    rows = [(e.environment, e.placement) for e in examples]
    assert rows == [
        ("local", "external"),
        ("development", "external"),
        ("production", "external"),
        ("local", "internal"),
        ("development", "internal"),
        ("production", "internal"),
        ("testing", "internal"),
        ("testing", "external"),
        ("staging", "external"),
        ("staging", "internal"),
    ]
    for example in examples:
        assert example.topology.placement_of("db") == example.placement
        assert example.title and example.note
    hosts = {e.environment + "/" + e.placement: e.topology.hosts for e in examples}
    assert hosts["development/external"][1].kind == "managed-service"
    assert hosts["production/external"][1].kind == "managed-service"
    assert "Load-balanced" in hosts["production/external"][0].label
    assert "education" in examples[5].title.lower() or "learning" in examples[5].title.lower()


def test_learner_setup_on_this_machine_or_another_host() -> None:
    inside = learner_setup("internal", "MariaDB 11.4 at 127.0.0.1:3306")
    assert inside.placement_of("mysql") == "internal"
    assert "This machine" in diagram(inside, 80).plain
    outside = learner_setup("external", "MySQL 8.0 at db.lab:3306", "db.lab")
    assert outside.placement_of("mysql") == "external"
    assert "'db.lab'" in describe(outside)
    assert learner_setup("external", "MySQL").hosts[1].label == "Database host"
