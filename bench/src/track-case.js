"use strict";
var __assign = (this && this.__assign) || function () {
    __assign = Object.assign || function(t) {
        for (var s, i = 1, n = arguments.length; i < n; i++) {
            s = arguments[i];
            for (var p in s) if (Object.prototype.hasOwnProperty.call(s, p))
                t[p] = s[p];
        }
        return t;
    };
    return __assign.apply(this, arguments);
};
var _a, _b;
Object.defineProperty(exports, "__esModule", { value: true });
// trackCase through the gateway against reading the same views from each subgraph directly (in parallel,
// the best a client could do without the gateway). Run: npm run bench:track [-- --cases 200 --iterations 1000]
// SCF_BENCH_DB=mysql uses MariaDB at 127.0.0.1:3306; the default is the embedded database.
process.env.APOLLO_TELEMETRY_DISABLED = '1';
if (process.env.SCF_BENCH_DB === 'mysql')
    process.env.SCF_TEST_DB = 'mysql';
var node_os_1 = require("node:os");
var node_util_1 = require("node:util");
var ids_js_1 = require("./ids.js");
var stats_js_1 = require("./stats.js");
var _c = await Promise.resolve().then(function () { return require('@scf/system/testing'); }), startTestFederation = _c.startTestFederation, testDatabase = _c.testDatabase;
var values = (0, node_util_1.parseArgs)({ options: { cases: { type: 'string', default: '100' }, iterations: { type: 'string', default: '1000' } } }).values;
var CASES = Number(values.cases);
var ITERATIONS = Number(values.iterations);
var VILLAGE = '140925100207';
var TOWNSHIP = '140925100';
var COUNTY = '140925';
var fed = await startTestFederation();
try {
    await fed.seed(COUNTY);
    fed.setNow('2026-09-28T02:00:00Z');
    var items = await (0, stats_js_1.post)(fed.gateway.url, "{ county(code: \"".concat(COUNTY, "\") { serviceItems { id code } } }"));
    var fireworks_1 = items.county.serviceItems.find(function (i) { return i.code === 'XK-YJ-001'; }).id;
    // Realistic journeys: village → township → county, decided there, result back at the village.
    var caseNos_1 = [];
    var _loop_1 = function (i) {
        var reg = await (0, stats_js_1.post)(fed.gateway.url, "mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }", {
            i: { pointCode: VILLAGE, itemId: fireworks_1, staff: "".concat(VILLAGE, ".a"), applicant: { type: 'PERSON', name: "\u7533\u8BF7\u4EBA".concat(i), idNumber: (0, ids_js_1.residentId)(i), phone: '13912345678' }, materialsReceived: [1, 2, 3, 4] },
        });
        var caseNo = reg.registerVillageCase.caseNo;
        var act = function (input) { return (0, stats_js_1.post)(fed.gateway.url, "mutation($i: CaseActionInput!) { actVillageCase(input: $i) { version } }", { i: __assign({ caseNo: caseNo, staff: "".concat(VILLAGE, ".a") }, input) }); };
        await act({ expectedVersion: 1, action: 'accept' });
        await act({ expectedVersion: 2, action: 'forward', toPointCode: TOWNSHIP });
        await fed.flushHandovers();
        await (0, stats_js_1.post)(fed.gateway.url, "mutation($i: ForwardedCaseActionInput!) { handleForwardedTownshipCase(input: $i) { version } }", { i: { caseNo: caseNo, expectedVersion: 1, action: 'forward', toPointCode: COUNTY, staff: "".concat(TOWNSHIP, ".d3.a") } });
        await fed.flushHandovers();
        await (0, stats_js_1.post)(fed.gateway.url, "mutation($i: ForwardedCaseActionInput!) { handleForwardedCountyCase(input: $i) { version } }", { i: { caseNo: caseNo, expectedVersion: 1, action: 'decide', outcome: 'GRANTED', staff: '140925.w08.a' } });
        await fed.flushHandovers();
        caseNos_1.push(caseNo);
    };
    for (var i = 0; i < CASES; i++) {
        _loop_1(i);
    }
    var TRACK_1 = "query($c: ID!) { trackCase(caseNo: $c) { caseNo item { name } status currentLevel currentPoint { code name } deadline light\n    hops { from { code name } to { code name } at by { name } action note } } }";
    var VIEW_1 = 'level pointCode pointName holds status itemId itemName registeredAt deadline light hops { hop fromCode toCode at byUsername byName action note }';
    var entities_1 = function (field) { return "query($r: [_Any!]!) { _entities(representations: $r) { ... on CaseTrack { ".concat(field, " { ").concat(VIEW_1, " } } } }"); };
    var direct_1 = function (c) {
        var r = [{ __typename: 'CaseTrack', caseNo: c }];
        return Promise.all([
            (0, stats_js_1.post)(fed.village.url, entities_1('villageView'), { r: r }),
            (0, stats_js_1.post)(fed.township.url, entities_1('townshipView'), { r: r }),
            (0, stats_js_1.post)(fed.county.url, entities_1('countyView'), { r: r }),
            (0, stats_js_1.post)(fed.county.url, "query($id: [_Any!]!) { _entities(representations: $id) { ... on ServiceItem { name } } }", { id: [{ __typename: 'ServiceItem', id: fireworks_1 }] }),
        ]);
    };
    var pick_1 = function (i) { return caseNos_1[i % caseNos_1.length]; };
    // Warm both paths (query plans, JIT, connection pools) before measuring.
    for (var i = 0; i < 100; i++) {
        await (0, stats_js_1.post)(fed.gateway.url, TRACK_1, { c: pick_1(i) });
        await direct_1(pick_1(i));
    }
    var viaGateway = await (0, stats_js_1.measure)(ITERATIONS, function (i) { return (0, stats_js_1.post)(fed.gateway.url, TRACK_1, { c: pick_1(i) }); });
    var viaSubgraphs = await (0, stats_js_1.measure)(ITERATIONS, function (i) { return direct_1(pick_1(i)).then(function () { return undefined; }); });
    var ms = function (n) { return n.toFixed(2); };
    var cpu = (_b = (_a = node_os_1.default.cpus()[0]) === null || _a === void 0 ? void 0 : _a.model) !== null && _b !== void 0 ? _b : 'unknown CPU';
    console.log("trackCase, ".concat(CASES, " cases of 3 hops each, ").concat(ITERATIONS, " sequential requests, database: ").concat(testDatabase));
    console.log("machine: ".concat(cpu, ", ").concat(node_os_1.default.cpus().length, " cores, ").concat((node_os_1.default.totalmem() / Math.pow(2, 30)).toFixed(0), " GiB, Node ").concat(process.version));
    console.log("| path | p50 ms | p95 ms | requests/s |");
    console.log("|---|---|---|---|");
    console.log("| gateway trackCase | ".concat(ms(viaGateway.p50), " | ").concat(ms(viaGateway.p95), " | ").concat(viaGateway.perSecond.toFixed(0), " |"));
    console.log("| each subgraph directly, in parallel | ".concat(ms(viaSubgraphs.p50), " | ").concat(ms(viaSubgraphs.p95), " | ").concat(viaSubgraphs.perSecond.toFixed(0), " |"));
    console.log("| ratio gateway \u00F7 direct | ".concat((viaGateway.p50 / viaSubgraphs.p50).toFixed(2), " | ").concat((viaGateway.p95 / viaSubgraphs.p95).toFixed(2), " | |"));
}
finally {
    await fed.close();
}
