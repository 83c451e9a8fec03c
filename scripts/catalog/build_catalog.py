#!/usr/bin/env python3
"""Builds Sources/DBSpecCatalog/Data/*.json, the RDS facts dbspec checks specs against.

Inputs, all inside this repository's pinned tools (scripts/requirements-tools.txt, installed
into .tools/venv by scripts/tools.sh); nothing else is read:
  * the RDS data cfn-lint ships (generated upstream from the AWS APIs):
      engine_version.json             DescribeDBEngineVersions: versions per engine
      engine_version_deprecated.json  versions whose status is "deprecated"
      db_instance_class.json          DescribeOrderableDBInstanceOptions: classes per engine and major.minor
      dbinstanceclass_enum.json       AWS Pricing API: classes per engine and licence, per Region
  * botocore: the Regions that have an RDS endpoint, and the RDS service model's closed lists;
  * FACTS below: per-engine facts from the RDS API reference and User Guide, each with its source.

Usage:
  scripts/catalog/refresh.sh             bump the pins to the newest cfn-lint and botocore, rebuild
  .tools/venv/bin/python3 scripts/catalog/build_catalog.py [--check]
The output is pretty-printed with sorted keys and sorted lists, so a refresh reads as a diff.
`--check` rebuilds in memory and fails when the committed files differ (scripts/test.sh runs it).
"""
import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import change_facts  # noqa: E402

# The day the pinned inputs were last moved (scripts/catalog/refresh.sh writes it).
RETRIEVED = "2026-11-30"

API = "Amazon RDS API Reference (botocore 1.43.11 service-2.json): CreateDBInstance, CreateDBInstanceReadReplica"

# Oracle has no TLS parameter: TLS is the SSL option of an option group, on a second port
# (RDS User Guide, Oracle Secure Sockets Layer: "Amazon RDS uses a second port, as required by
# Oracle, for SSL connections"; "set SQLNET.SSL_VERSION explicitly"). 2484 is the port the
# guide's examples use.
ORACLE_SSL = {"name": "SSL", "port": 2484, "settings": {"SQLNET.SSL_VERSION": "1.2"}}

# Closed lists CreateDBInstance checks that neither botocore nor cfn-lint carries. Source: the
# RDS User Guide as published in awsdocs/amazon-rds-user-guide (doc_source, 2023-06-09, the
# last published source of the guide): CHAP_SQLServer.md "Local time zone for Microsoft SQL
# Server DB instances" (Timezone; the guide prints the UTC offsets' hyphens as en dashes, the
# Windows IDs RDS takes have hyphens), and Appendix.OracleCharacterSets.md "Supported DB
# character sets" (CharacterSetName). Current pages: https://docs.aws.amazon.com/AmazonRDS/
# latest/UserGuide/CHAP_SQLServer.html#SQLServer.Concepts.General.TimeZone and
# .../Appendix.OracleCharacterSets.html. Re-check both when refreshing.
SQL_SERVER_TIME_ZONES = [
    "Afghanistan Standard Time", "Alaskan Standard Time", "Aleutian Standard Time", "Altai Standard Time",
    "Arab Standard Time", "Arabian Standard Time", "Arabic Standard Time", "Argentina Standard Time",
    "Astrakhan Standard Time", "Atlantic Standard Time", "AUS Central Standard Time", "Aus Central W. Standard Time",
    "AUS Eastern Standard Time", "Azerbaijan Standard Time", "Azores Standard Time", "Bahia Standard Time",
    "Bangladesh Standard Time", "Belarus Standard Time", "Bougainville Standard Time", "Canada Central Standard Time",
    "Cape Verde Standard Time", "Caucasus Standard Time", "Cen. Australia Standard Time", "Central America Standard Time",
    "Central Asia Standard Time", "Central Brazilian Standard Time", "Central Europe Standard Time", "Central European Standard Time",
    "Central Pacific Standard Time", "Central Standard Time", "Central Standard Time (Mexico)", "Chatham Islands Standard Time",
    "China Standard Time", "Cuba Standard Time", "Dateline Standard Time", "E. Africa Standard Time",
    "E. Australia Standard Time", "E. Europe Standard Time", "E. South America Standard Time", "Easter Island Standard Time",
    "Eastern Standard Time", "Eastern Standard Time (Mexico)", "Egypt Standard Time", "Ekaterinburg Standard Time",
    "Fiji Standard Time", "FLE Standard Time", "Georgian Standard Time", "GMT Standard Time",
    "Greenland Standard Time", "Greenwich Standard Time", "GTB Standard Time", "Haiti Standard Time",
    "Hawaiian Standard Time", "India Standard Time", "Iran Standard Time", "Israel Standard Time",
    "Jordan Standard Time", "Kaliningrad Standard Time", "Kamchatka Standard Time", "Korea Standard Time",
    "Libya Standard Time", "Line Islands Standard Time", "Lord Howe Standard Time", "Magadan Standard Time",
    "Magallanes Standard Time", "Marquesas Standard Time", "Mauritius Standard Time", "Middle East Standard Time",
    "Montevideo Standard Time", "Morocco Standard Time", "Mountain Standard Time", "Mountain Standard Time (Mexico)",
    "Myanmar Standard Time", "N. Central Asia Standard Time", "Namibia Standard Time", "Nepal Standard Time",
    "New Zealand Standard Time", "Newfoundland Standard Time", "Norfolk Standard Time", "North Asia East Standard Time",
    "North Asia Standard Time", "North Korea Standard Time", "Omsk Standard Time", "Pacific SA Standard Time",
    "Pacific Standard Time", "Pacific Standard Time (Mexico)", "Pakistan Standard Time", "Paraguay Standard Time",
    "Romance Standard Time", "Russia Time Zone 10", "Russia Time Zone 11", "Russia Time Zone 3",
    "Russian Standard Time", "SA Eastern Standard Time", "SA Pacific Standard Time", "SA Western Standard Time",
    "Saint Pierre Standard Time", "Sakhalin Standard Time", "Samoa Standard Time", "Sao Tome Standard Time",
    "Saratov Standard Time", "SE Asia Standard Time", "Singapore Standard Time", "South Africa Standard Time",
    "Sri Lanka Standard Time", "Sudan Standard Time", "Syria Standard Time", "Taipei Standard Time",
    "Tasmania Standard Time", "Tocantins Standard Time", "Tokyo Standard Time", "Tomsk Standard Time",
    "Tonga Standard Time", "Transbaikal Standard Time", "Turkey Standard Time", "Turks And Caicos Standard Time",
    "Ulaanbaatar Standard Time", "US Eastern Standard Time", "US Mountain Standard Time", "UTC",
    "UTC+12", "UTC+13", "UTC-02", "UTC-08",
    "UTC-09", "UTC-11", "Venezuela Standard Time", "Vladivostok Standard Time",
    "Volgograd Standard Time", "W. Australia Standard Time", "W. Central Africa Standard Time", "W. Europe Standard Time",
    "W. Mongolia Standard Time", "West Asia Standard Time", "West Bank Standard Time", "West Pacific Standard Time",
    "Yakutsk Standard Time"
]
ORACLE_CHARACTER_SETS = [
    "AL32UTF8", "AR8ISO8859P6", "AR8MSWIN1256", "BLT8ISO8859P13", "BLT8MSWIN1257", "CL8ISO8859P5", "CL8MSWIN1251", "EE8ISO8859P2",
    "EE8MSWIN1250", "EL8ISO8859P7", "EL8MSWIN1253", "IW8ISO8859P8", "IW8MSWIN1255", "JA16EUC", "JA16EUCTILDE", "JA16SJIS",
    "JA16SJISTILDE", "KO16MSWIN949", "NE8ISO8859P10", "NEE8ISO8859P4", "TH8TISASCII", "TR8MSWIN1254", "US7ASCII", "UTF8",
    "VN8MSWIN1258", "WE8ISO8859P1", "WE8ISO8859P15", "WE8ISO8859P9", "WE8MSWIN1252", "ZHS16GBK", "ZHT16HKSCS", "ZHT16MSWIN950",
    "ZHT32EUC"
]

# What a log export needs before it has anything to export (logSwitches: parameters; logOptions:
# an option in an option group). Sources in the catalogue's sources, "log switches".
MYSQL_LOG_SWITCHES = dict(
    logSwitches={"slowquery": {"slow_query_log": "1", "log_output": "FILE"}, "general": {"general_log": "1", "log_output": "FILE"}},
    logOptions={"audit": "MARIADB_AUDIT_PLUGIN"})

# Hand-kept facts. Sources: ../shared/reference/rds-rules.md section 4 (e), (b), (g), (k).
FACTS = {
    "mysql": dict(family="mysql", optionGroupVersion="{major.minor}", label="MySQL", port=3306, licenses=["general-public-license"],
                  parameterFamily="mysql{major.minor}", tls={"require_secure_transport": "1"}, cascadeLevels=3,
                  maxReplicas=15, username=16, password=[8, 41], dbName=64, iamAuth=True, encryption=True,
                  logs=["audit", "error", "general", "slowquery", "iam-db-auth-error"], **MYSQL_LOG_SWITCHES),
    "mariadb": dict(family="mariadb", optionGroupVersion="{major.minor}", label="MariaDB", port=3306, licenses=["general-public-license"],
                    parameterFamily="mariadb{major.minor}", tls={"require_secure_transport": "1"}, cascadeLevels=3,
                    maxReplicas=15, username=16, password=[8, 41], dbName=64, iamAuth=True, encryption=True,
                    # "Supported Regions and DB engines for IAM database authentication": 10.11, 11.4, 11.8 only,
                    # and per Region (iamAuthRegions: the first version there; null: none): not in
                    # Hyderabad or Melbourne; 11.4 and later only in Malaysia, New Zealand and Taipei.
                    # The rest of the page's table was not readable in the stored copy; other
                    # Regions follow iamAuthSince.
                    iamAuthSince="10.11",
                    iamAuthRegions={"ap-south-2": None, "ap-southeast-4": None, "ap-southeast-5": "11.4",
                                    "ap-southeast-6": "11.4", "ap-east-2": "11.4"},
                    logs=["audit", "error", "general", "slowquery", "iam-db-auth-error"], **MYSQL_LOG_SWITCHES),
    "postgres": dict(family="postgres", label="PostgreSQL", port=5432, licenses=["postgresql-license"],
                     parameterFamily="postgres{major}", tls={"rds.force_ssl": "1"}, cascadeLevels=3, cascadeSince="14.1",
                     maxReplicas=15, username=63, password=[8, 128], dbName=63, iamAuth=True, encryption=True,
                     logs=["postgresql", "upgrade", "iam-db-auth-error"]),
    "aurora-mysql": dict(family="aurora-mysql", parameterFamily="aurora-mysql{major.minor}", label="Aurora MySQL", port=3306, licenses=["general-public-license"],
                         maxReplicas=15, username=16, password=[8, 41], dbName=64, iamAuth=True, encryption=True,
                         cluster=True, tls={"require_secure_transport": "1"}, serverlessCapacity=[0.5, 256], backtrack=True,
                         featuresSince={"serverlessAutoPause": {"8.0": "8.0.mysql_aurora.3.08.0"},
                                        "ioOptimized": {"8.0": "8.0.mysql_aurora.3.03.1", "8.4": "8.4.mysql_aurora.8.4.7"}},
                         logs=["audit", "error", "general", "instance", "slowquery", "iam-db-auth-error"],
                         logSwitches={"audit": {"server_audit_logging": "1"}, **MYSQL_LOG_SWITCHES["logSwitches"]}),
    "aurora-postgresql": dict(family="aurora-postgresql", parameterFamily="aurora-postgresql{major}", label="Aurora PostgreSQL", port=5432,
                              licenses=["postgresql-license"], maxReplicas=15, username=63, password=[8, 128],
                              dbName=63, iamAuth=True, encryption=True, cluster=True,
                              tls={"rds.force_ssl": "1"}, serverlessCapacity=[0.5, 256],
                              featuresSince={"serverlessAutoPause": {"13": "13.15", "14": "14.12", "15": "15.7", "16": "16.3"},
                                             "ioOptimized": {"13": "13.10", "14": "14.7", "15": "15.2", "16": "16.1", "17": "17.4"}},
                              logs=["instance", "postgresql", "iam-db-auth-error"]),
    # "Oracle replicas are available for DB instances running only on DB instance classes with
    # two or more vCPUs. A source DB instance can't use the db.t3.small instance class." (RDS
    # User Guide, Requirements and considerations for RDS for Oracle replicas.)
    "oracle-ee": dict(family="oracle", optionGroupVersion="{major}", parameterFamily="oracle-ee-{major}", label="Oracle Enterprise Edition", port=1521, minReplicaVcpu=2,
                      replicaSourceExcludedClasses=["db.t3.small"],
                      tlsOption=ORACLE_SSL,
                      licenses=["bring-your-own-license"], maxReplicas=5, username=30, password=[8, 30], dbName=8,
                      iamAuth=False, encryption=True, logs=["alert", "audit", "listener", "trace", "oemagent"]),
    "oracle-se2": dict(family="oracle", optionGroupVersion="{major}", parameterFamily="oracle-se2-{major}", label="Oracle Standard Edition Two", port=1521,
                       tlsOption=ORACLE_SSL,
                       licenses=["bring-your-own-license", "license-included"], maxReplicas=0, username=30,
                       password=[8, 30], dbName=8, iamAuth=False, encryption=True,
                       logs=["alert", "audit", "listener", "trace", "oemagent"]),
    # Read replicas: Enterprise Edition, in the same or another Region, of a Multi-AZ or (since
    # 2024-04-01) a Single-AZ source (RDS User Guide, Working with read replicas for Microsoft SQL
    # Server; AWS Database Blog, "Use Single-AZ read replicas in Amazon RDS for SQL Server").
    "sqlserver-ee": dict(family="sqlserver", optionGroupVersion="{major}.00", parameterFamily="sqlserver-ee-{major}.0", tls={"rds.force_ssl": "1"}, label="SQL Server Enterprise Edition", port=1433, minReplicaVcpu=4,
                         licenses=["license-included"], maxReplicas=5, username=128, password=[8, 128], dbName=0,
                         iamAuth=False, encryption=True, logs=["agent", "error"]),
    "sqlserver-se": dict(family="sqlserver", optionGroupVersion="{major}.00", parameterFamily="sqlserver-se-{major}.0", tls={"rds.force_ssl": "1"}, label="SQL Server Standard Edition", port=1433,
                         licenses=["license-included"], maxReplicas=0, username=128, password=[8, 128], dbName=0,
                         iamAuth=False, encryption=True, logs=["agent", "error"]),
    "sqlserver-ex": dict(family="sqlserver", optionGroupVersion="{major}.00", parameterFamily="sqlserver-ex-{major}.0", tls={"rds.force_ssl": "1"}, label="SQL Server Express Edition", port=1433,
                         licenses=["license-included"], maxReplicas=0, username=128, password=[8, 128], dbName=0,
                         iamAuth=False, encryption=False, multiAZ=False, logs=["agent", "error"]),
    # Multi-AZ with block-level replication "is currently supported only for SQL Server Web
    # Edition instances" (RDS User Guide, Limitations, notes, and recommendations for Microsoft
    # SQL Server Multi-AZ deployments); Express has no Multi-AZ.
    "sqlserver-web": dict(family="sqlserver", optionGroupVersion="{major}.00", parameterFamily="sqlserver-web-{major}.0", tls={"rds.force_ssl": "1"}, label="SQL Server Web Edition", port=1433,
                          licenses=["license-included"], maxReplicas=0, username=128, password=[8, 128], dbName=0,
                          iamAuth=False, encryption=True, logs=["agent", "error"]),
}

# Performance Insights is not available on the smallest burstable classes of RDS for MySQL and
# MariaDB (RDS User Guide, "Supported DB engines, Regions and instance classes for Performance
# Insights"; checkov skips the same classes, rds-rules.md 4 (i)). "*": every version.
NO_PI_SMALL = {"performanceInsights": {"*": ["db.t2.micro", "db.t2.small", "db.t3.micro", "db.t3.small",
                                             "db.t4g.micro", "db.t4g.small"]}}

# Classes on which RDS cannot encrypt storage, whatever the engine (RDS User Guide, "Encrypting
# Amazon RDS resources", Availability of Amazon RDS encryption). Kept per engine, in the same
# shape `dbspec catalog import` writes from SupportsStorageEncryption.
NO_ENCRYPTION = ["db.m1.large", "db.m1.medium", "db.m1.small", "db.m1.xlarge",
                 "db.m2.2xlarge", "db.m2.4xlarge", "db.m2.xlarge", "db.t2.micro"]

# Storage limits per engine family, GiB and IOPS. Source: RDS API Reference, CreateDBInstance
# AllocatedStorage and Iops (via botocore 1.43.11); gp3 thresholds and ranges: RDS User Guide,
# "Amazon RDS DB instance storage", gp3 storage (2023 text; rds-rules.md section 4 (d)).
def storage(gp_max, io_min, std, threshold, iops_ratio, gp3_iops, gp3_throughput):
    io = {"min": io_min, "max": gp_max, "iopsPerGib": iops_ratio, "iops": [1000, 256000]}
    return {
        "gp2": {"min": 20, "max": gp_max},
        "gp3": {"min": 20, "max": gp_max, "threshold": threshold, "iops": gp3_iops, "throughput": gp3_throughput,
                "baseline": {"iops": 3000, "throughput": 125}, "maxIopsPerGib": 500, "maxThroughputPerIops": 0.25},
        "io1": io, "io2": dict(io),
        "standard": {"min": std[0], "max": std[1], "maxIops": 1000},
    }

OPEN_SOURCE_STORAGE = storage(65536, 100, [5, 3072], 400, [0.5, 50], [12000, 64000], [500, 4000])
STORAGE = {
    "mysql": OPEN_SOURCE_STORAGE, "mariadb": OPEN_SOURCE_STORAGE, "postgres": OPEN_SOURCE_STORAGE,
    "oracle": storage(65536, 100, [10, 3072], 200, [0.5, 50], [12000, 64000], [500, 4000]),
    # SQL Server has no gp3 striping threshold: IOPS and throughput are provisionable at any size.
    "sqlserver": storage(16384, 100, [20, 1024], 0, [1, 50], [3000, 16000], [125, 1000]),
}

# vCPUs by size for the general, memory and burstable families (EC2 sizing; "medium"
# differs for burstable classes). Memory per vCPU by family letter, in GiB.
SIZE_VCPU = {"micro": 2, "small": 2, "medium": 2, "large": 2, "xlarge": 4}
# Older families where a size has fewer vCPUs than the rule above gives (Amazon EC2 instance
# types, previous generation: t2.micro and t2.small 1 vCPU; m1.small and m1.medium 1;
# m3.medium 1).
OLD_VCPU = {"db.t2.micro": 1, "db.t2.small": 1, "db.m1.small": 1, "db.m1.medium": 1, "db.m3.medium": 1}
BURSTABLE_MEMORY = {"micro": 1, "small": 2, "medium": 4, "large": 8, "xlarge": 16, "2xlarge": 32}
MEMORY_PER_VCPU = {"m": 4, "r": 8, "x": 16, "z": 8, "c": 2}


def class_specs(name):
    """vCPUs and memory (GiB) from the class name; None when the name has no known shape."""
    m = re.match(r"^db\.([a-z]+)(\d+)([a-z-]*)\.(\w+)$", name)
    if not m:
        return None
    letter, _gen, _suffix, size = m.groups()
    if name in OLD_VCPU:
        vcpu = OLD_VCPU[name]
    elif size in SIZE_VCPU:
        vcpu = SIZE_VCPU[size]
        if letter == "c" and size == "medium":
            vcpu = 1
    elif size.endswith("xlarge") and size[:-6].isdigit():
        vcpu = int(size[:-6]) * 4
    else:
        return None
    if letter == "t":
        memory = BURSTABLE_MEMORY.get(size, vcpu * 4)
        if size == "xlarge":
            memory = 16
    else:
        per = MEMORY_PER_VCPU.get(letter[0])
        if per is None:
            return None
        if letter.startswith("x2ie"):
            per = 32
        memory = vcpu * per
    return {"vcpu": vcpu, "memory": memory}


def prefix_of(version):
    parts = version.split(".")
    return ".".join(parts[:2])


CFN_LINT_RDS = "data/schemas/extensions/aws_rds_dbinstance"


def load_versions(load):
    """Current and retired versions per engine.

    cfn-lint's deprecated list names a major alias ("16", "8.0") as soon as any minor of that
    major is deprecated. RDS accepts an alias and picks the default minor, which is current, so
    an alias is retired only when every version it stands for is retired.
    """
    versions = {}
    for branch in load("engine_version.json")["allOf"][1:]:
        p = branch["if"]["properties"]
        versions[p["Engine"]["const"]] = branch["then"]["properties"]["EngineVersion"]["enum"]
    deprecated = {}
    for branch in load("engine_version_deprecated.json")["allOf"]:
        p = branch["if"]["properties"]
        deprecated[p["Engine"]["const"]] = set(p["EngineVersion"]["enum"])
    out = {}
    for engine, listed in versions.items():
        dep = deprecated.get(engine, set())
        retired = set()
        for v in listed:
            if v not in dep:
                continue
            covered = [w for w in listed if w != v and w.startswith(v + ".")]
            if covered and not all(w in dep for w in covered):
                continue  # an alias of a major that still has current minors
            retired.add(v)
        out[engine] = (sorted(v for v in listed if v not in retired), sorted(retired))
    return out


def load_classes_by_version(load):
    """engine -> version prefix (major.minor) -> classes, from DescribeOrderableDBInstanceOptions."""
    out = {}
    for branch in load("db_instance_class.json")["allOf"]:
        p = branch["if"]["properties"]
        pat = p["EngineVersion"]["pattern"]
        m = re.match(r"^\^\((.*?)\\\.\.\+\|", pat)
        if not m:
            raise SystemExit(f"db_instance_class.json: unexpected version pattern {pat!r}")
        pref = m.group(1).replace("\\.", ".")
        out.setdefault(p["Engine"]["const"], {})[pref] = set(branch["then"]["properties"]["DBInstanceClass"]["enum"])
    return out


def load_priced(load, engine_licenses):
    """engine -> Region -> licence -> classes, from the AWS Pricing API (cfn-lint's E3025 data).

    A branch without LicenseModel applies when the template names none: the engine's default
    licence (the first in FACTS), so it is filed under that licence.
    """
    out = {}
    for region, doc in load("dbinstanceclass_enum.json").items():
        for branch in doc["allOf"]:
            p = branch["if"]["properties"]
            engine = p["Engine"]["const"]
            if engine not in engine_licenses:
                continue
            lic = p.get("LicenseModel")
            lic = lic.get("const") if isinstance(lic, dict) else None
            licenses = engine_licenses[engine]
            if lic is None or lic not in licenses:
                # Open-source engines have one licence; cfn-lint files PostgreSQL's under
                # general-public-license, RDS calls it postgresql-license.
                if len(licenses) != 1 and lic is not None:
                    raise SystemExit(f"{engine} in {region}: licence {lic} is not in FACTS")
                lic = licenses[0] if lic is None or len(licenses) == 1 else lic
            classes = out.setdefault(engine, {}).setdefault(region, {}).setdefault(lic, set())
            classes |= set(branch["then"]["properties"]["DBInstanceClass"]["enum"])
    return out


def load_botocore():
    """RDS's Regions (botocore's endpoint data) and the service model's closed lists."""
    import gzip
    import botocore
    data = os.path.join(os.path.dirname(botocore.__file__), "data")
    endpoints = json.load(open(os.path.join(data, "endpoints.json")))
    regions = set()
    for partition in endpoints["partitions"]:
        known = set(partition["regions"])
        regions |= {r for r in partition["services"].get("rds", {}).get("endpoints", {}) if r in known}
    model_dir = os.path.join(data, "rds")
    newest = sorted(os.listdir(model_dir))[-1]
    path = os.path.join(model_dir, newest, "service-2.json")
    model = json.load(gzip.open(path + ".gz")) if os.path.exists(path + ".gz") else json.load(open(path))
    enums = {name: shape["enum"] for name, shape in model["shapes"].items() if "enum" in shape}
    return sorted(regions), enums, botocore.__version__, newest


def dump(value):
    """Pretty-printed and sorted, so that a refresh reads as a diff."""
    return json.dumps(value, indent=1, sort_keys=True, ensure_ascii=True) + "\n"


def build(cfn_lint_data):
    import cfnlint.version
    load = lambda n: json.load(open(os.path.join(cfn_lint_data, n)))
    cfn_version = cfnlint.version.__version__
    versions = load_versions(load)
    by_version = load_classes_by_version(load)
    priced = load_priced(load, {e: f["licenses"] for e, f in FACTS.items()})
    regions, enums, boto_version, api_version = load_botocore()
    files = {}
    engines = {}
    all_classes = set()
    for engine, facts in sorted(FACTS.items()):
        entry = dict(facts)
        class_sets = []  # this engine's deduplicated class lists; its entries refer to them by index

        def set_id(classes):
            lst = sorted(classes)
            if lst not in class_sets:
                class_sets.append(lst)
            return class_sets.index(lst)

        current, retired = versions.get(engine, ([], []))
        entry["versions"] = current
        entry["deprecatedVersions"] = retired
        entry["versionsTracked"] = bool(current or retired)
        by_region = priced.get(engine, {})
        offered = set().union(*(c for lics in by_region.values() for c in lics.values())) if by_region else set()
        per_prefix = {}
        for pref, classes in by_version.get(engine, {}).items():
            if any(v == pref or v.startswith(pref + ".") for v in current + retired):
                per_prefix[pref] = classes & offered if offered else classes
        entry["classesWithout"] = {"storageEncryption": {"*": NO_ENCRYPTION}}
        if facts["family"] in ("mysql", "mariadb"):
            entry["classesWithout"].update(NO_PI_SMALL)
        if facts["family"] in STORAGE:
            entry["storage"] = STORAGE[facts["family"]]
        entry["classesByVersion"] = {k: set_id(v) for k, v in sorted(per_prefix.items()) if v}
        entry["classes"] = set_id(offered)
        entry["licenseClasses"] = {
            lic: set_id(set().union(*(lics.get(lic, set()) for lics in by_region.values())))
            for lic in facts["licenses"]
            if any(lic in lics for lics in by_region.values())
        }
        entry["classSets"] = class_sets
        all_classes |= offered
        engines[engine] = entry
        # Per Region and licence, in a file of its own: a check reads it only for its Regions.
        files[f"regions-{engine}.json"] = {
            region: {lic: sorted(c) for lic, c in sorted(lics.items())} for region, lics in sorted(by_region.items())
        }

    specs = {}
    unknown = []
    for c in sorted(all_classes):
        s = class_specs(c)
        if s:
            specs[c] = s
        else:
            unknown.append(c)
    cfn = f"cfn-lint {cfn_version} ({CFN_LINT_RDS})"
    doc = {
        "format": 3,
        "inputs": {"cfn-lint": cfn_version, "botocore": boto_version, "rdsApiVersion": api_version},
        "retrieved": RETRIEVED,
        "sources": [
            {"what": "engine versions and retirement status (a major alias is retired only when all its versions are)", "from": f"DescribeDBEngineVersions, as shipped in {cfn}: engine_version.json, engine_version_deprecated.json", "retrieved": RETRIEVED},
            {"what": "instance classes per engine and major.minor version", "from": f"DescribeOrderableDBInstanceOptions, as shipped in {cfn}: db_instance_class.json, intersected with the Regions' lists", "retrieved": RETRIEVED},
            {"what": "instance classes per Region and licence model (regions-ENGINE.json)", "from": f"AWS Pricing API, as shipped in {cfn}: dbinstanceclass_enum.json (the data of cfn-lint's E3025)", "retrieved": RETRIEVED},
            {"what": "Regions with RDS, and the RDS API's closed lists (ReplicaMode)", "from": f"botocore {boto_version}: endpoints.json (service rds), rds/{api_version}/service-2.json", "retrieved": RETRIEVED},
            {"what": "parameter group families (DBParameterGroupFamily) and the parameters that force TLS", "from": "RDS User Guide: Using SSL/TLS with a MySQL, MariaDB, PostgreSQL and SQL Server DB instance (require_secure_transport = 1, which the newest Requiring SSL/TLS for all connections to a MySQL DB instance gives as '1 (ON)', the form of a boolean parameter's allowed values; rds.force_ssl = 1); DescribeDBEngineVersions DBParameterGroupFamily", "retrieved": "2026-11-30"},
            {"what": "Aurora Serverless v2 capacity range (serverlessCapacity, ACUs) and the TLS cluster parameters of Aurora", "from": "RDS API Reference, ServerlessV2ScalingConfiguration (MinCapacity 0.5 or 0 with auto-pause, MaxCapacity up to 256 on current versions, 128 on older ones: the older limit is not modelled); Aurora User Guide, Security with Aurora MySQL / Aurora PostgreSQL (require_secure_transport, rds.force_ssl)", "retrieved": "2026-11-26"},
            {"what": "features that depend on the version (featuresSince: per feature and major, the first version with it; later majors all have it, earlier ones do not). serverlessAutoPause: a Serverless v2 minimum of 0 ACUs, which RDS reports per version as ServerlessV2FeaturesSupport.MinCapacity", "from": "Aurora User Guide, Scaling to Zero ACUs with automatic pause and resume for Aurora Serverless v2 (Aurora PostgreSQL 16.3, 15.7, 14.12, 13.15 and higher; Aurora MySQL 3.08.0 and higher); RDS API Reference, ServerlessV2ScalingConfiguration MinCapacity", "retrieved": "2026-11-30"},
            {"what": "featuresSince ioOptimized: the aurora-iopt1 storage type (Aurora I/O-Optimized)", "from": "Aurora User Guide, Supported Regions and Aurora DB engines for cluster storage configurations (Aurora MySQL 3.03.1 and higher and 8.4.7 and higher; Aurora PostgreSQL 17.4, 16.1, 15.2, 14.7 and 13.10 and higher)", "retrieved": "2026-11-30"},
            {"what": "cascading read replicas (cascadeLevels: replicas in a chain below the primary; cascadeSince: first version)", "from": "RDS User Guide, Using cascading read replicas with RDS for MySQL / MariaDB (a chain of up to three read replicas); Working with read replicas for RDS for PostgreSQL (cascading from 14.1, up to three levels); Oracle and SQL Server have none", "retrieved": "2026-11-26"},
            {"what": "Backtrack support (backtrack): Aurora MySQL only, window up to 72 hours", "from": "Aurora User Guide, Backtracking an Aurora DB cluster; RDS API Reference, CreateDBCluster BacktrackWindow (0 to 259,200 seconds)", "retrieved": "2026-11-26"},
            {"what": "log switches: what an exported log needs to be written at all (logSwitches: parameters; logOptions: an option)", "from": "RDS User Guide, Publishing MySQL logs to Amazon CloudWatch Logs and Publishing MariaDB logs to Amazon CloudWatch Logs (audit: a custom option group with MARIADB_AUDIT_PLUGIN, which Options for MySQL DB instances gives for all 8.4 versions and 8.0.28 and higher, and Options for MariaDB for 10.3 and higher; general_log = 1; slow_query_log = 1; log_output = FILE); Aurora User Guide, Overview of Aurora MySQL database logs and Using Advanced Auditing with an Amazon Aurora MySQL DB cluster (server_audit_logging = 1; the error log is on by default). PostgreSQL, Oracle and SQL Server write their exportable logs by default", "retrieved": "2026-11-30"},
            {"what": "option group engine versions (optionGroupVersion: MySQL and MariaDB major.minor, Oracle the major, SQL Server major.00)", "from": "RDS API Reference, CreateOptionGroup MajorEngineVersion and DescribeOptionGroupOptions; RDS User Guide, Working with option groups (for example 8.0, 19, 15.00)", "retrieved": "2026-11-30"},
            {"what": "Oracle's SSL option (tlsOption): option name, port and settings", "from": "RDS User Guide, Oracle Secure Sockets Layer and Adding the SSL option", "retrieved": "2026-11-26"},
            {"what": "cross-Region read replica support (crossRegionReplicas; every engine with replicas has them) and SQL Server replica sources (Single-AZ allowed)", "from": "RDS User Guide, Creating a read replica in a different AWS Region (MariaDB, Microsoft SQL Server, MySQL, Oracle, PostgreSQL); AWS Database Blog, Use cross-Region read replicas with Amazon RDS for SQL Server (2022) and Use Single-AZ read replicas in Amazon RDS for SQL Server (2024-04-01). The API reference's sentence that SQL Server has no cross-Region replicas predates both.", "retrieved": "2026-11-30"},
            {"what": "Multi-AZ support per SQL Server edition (multiAZ)", "from": "RDS User Guide, Multi-AZ deployments for Amazon RDS for Microsoft SQL Server, and its Limitations page (block-level replication for Web Edition); Express Edition has no Multi-AZ", "retrieved": "2026-11-30"},
            {"what": "ports, licence models, replica limits, name and password lengths, log types, IAM authentication support", "from": API + "; RDS User Guide (IAM database authentication support)", "retrieved": "2026-11-20"},
            {"what": "vCPUs and memory per class", "from": "derived from the class name (EC2 sizing: large = 2 vCPU, each xlarge step doubles; GiB per vCPU by family: m 4, r 8, x 16, x2iedn 32, c 2), with the previous generation's exceptions from Amazon EC2 instance types (t2.micro, t2.small, m1.small, m1.medium, m3.medium: 1 vCPU)", "retrieved": "2026-11-30"},
            {"what": "SQL Server time zones (sqlServerTimeZones) and Oracle DB character sets (oracleCharacterSets), the closed lists CreateDBInstance checks Timezone and CharacterSetName against", "from": "RDS User Guide: Local time zone for Microsoft SQL Server DB instances; RDS for Oracle character sets (as published in awsdocs/amazon-rds-user-guide, 2023-06-09)", "retrieved": "2026-11-30"},
            {"what": "IAM database authentication per Region (iamAuthRegions: the first version in a Region, null where it has none)", "from": "RDS User Guide, Supported Regions and DB engines for IAM database authentication in Amazon RDS (RDS for MariaDB table; Regions past Asia Pacific (Thailand) not read)", "retrieved": "2026-11-30"},
            {"what": "classes a source of replicas cannot use (replicaSourceExcludedClasses)", "from": "RDS User Guide, Requirements and considerations for RDS for Oracle replicas: a source DB instance can't use db.t3.small", "retrieved": "2026-11-30"},
        ],
        "notes": [
            "A class is offered when the engine's major.minor lists it and the Region sells it under the licence model in use.",
            "Oracle has no version list upstream: its versions are not tracked and any version is accepted with a warning.",
            "Regions without Pricing data in cfn-lint (the isolated partitions) are known Regions whose classes are not checked.",
        ],
        # Previous-generation class families (cfn-lint I3100; RDS User Guide, DB instance classes).
        "previousGenerationFamilies": ["db.m1", "db.m2", "db.m3", "db.m4", "db.r3", "db.r4", "db.t1", "db.t2"],
        # RDS API Reference, CreateDBInstance Port: SQL Server cannot use these.
        "sqlServerReservedPorts": [1234, 1434, 3260, 3343, 3389, 47001, 49152, 49153, 49154, 49155, 49156],
        "sqlServerTimeZones": SQL_SERVER_TIME_ZONES,
        "oracleCharacterSets": ORACLE_CHARACTER_SETS,
        "engineNames": sorted(engines),
        "regions": regions,
        "replicaModes": enums["ReplicaMode"],
    }
    files["catalog.json"] = doc
    files["changes.json"] = change_facts.build(RETRIEVED, cfn_version)
    files["class-specs.json"] = specs
    for engine, entry in engines.items():
        files[f"engine-{engine}.json"] = entry
    return {name: dump(value) for name, value in files.items()}, unknown


def main():
    import cfnlint  # noqa: only to locate the data
    default_dir = os.path.join(os.path.dirname(cfnlint.__file__), CFN_LINT_RDS)
    out_default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../Sources/DBSpecCatalog/Data")
    ap = argparse.ArgumentParser()
    ap.add_argument("--cfn-lint-data", default=default_dir)
    ap.add_argument("-o", "--output-dir", default=out_default)
    ap.add_argument("--check", action="store_true",
                    help="build in memory and fail when the committed data differs (nothing is written)")
    args = ap.parse_args()
    files, unknown = build(args.cfn_lint_data)
    out_dir = os.path.abspath(args.output_dir)
    generated = lambda n: n.endswith(".json") and (n.startswith(("engine-", "regions-")) or n in ("catalog.json", "class-specs.json", "changes.json"))
    existing = {n for n in os.listdir(out_dir) if generated(n)} if os.path.isdir(out_dir) else set()
    if args.check:
        stale = sorted(n for n in files if n not in existing or open(os.path.join(out_dir, n)).read() != files[n])
        stale += sorted(existing - set(files))
        if stale:
            print("the catalogue is not what scripts/catalog/build_catalog.py builds from the pinned inputs; "
                  "run scripts/catalog/refresh.sh and commit the result. Differs: " + ", ".join(stale), file=sys.stderr)
            return 1
        print(f"catalogue: {len(files)} files match the pinned inputs", file=sys.stderr)
        return 0
    os.makedirs(out_dir, exist_ok=True)
    for old in existing - set(files):
        os.remove(os.path.join(out_dir, old))
    for name, text in sorted(files.items()):
        with open(os.path.join(out_dir, name), "w") as f:
            f.write(text)
    print(f"wrote {out_dir}: {len(files)} files, {len(unknown)} classes without sizes ({unknown[:5]})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
