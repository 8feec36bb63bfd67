#!/usr/bin/python3
"""ltpsim against NEURON and Brian2 on the workloads of ../shared/bench/SPEC.md, in one run on
one machine: builds ltpsim with release flags, runs W1 and W2 in ltpsim and in the peers
(../shared/bench scripts, Debian packages), checks every output against SPEC.md section 7,
and prints one table of wall times and ratios; the last line printed is one JSON object.

usage: bench/run [w1|w2|scaling|all]      (default: all = w1 w2 scaling)
environment: REPS (3: runs per configuration, medians reported), PEERS (1; 0 skips NEURON and
Brian2), LARGE (0; 1 adds N = 10^5 and 10^6 to the scaling), SHARED_BENCH (../shared/bench),
BUILD (build-bench), OUT (bench/out).
"""
import json
import math
import os
import platform
import tempfile
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.environ.get('SHARED_BENCH', os.path.join(ROOT, '..', 'shared', 'bench'))
BUILD = os.path.join(ROOT, os.environ.get('BUILD', 'build-bench'))
OUT = os.environ.get('OUT', os.path.join(HERE, 'out'))
REPS = int(os.environ.get('REPS', '3'))
PEERS = os.environ.get('PEERS', '1') != '0'
LARGE = os.environ.get('LARGE', '0') == '1'
PY = '/usr/bin/python3'  # Debian's interpreter: it has python3-neuron and python3-brian
LTPSIM = os.path.join(BUILD, 'ltpsim')
B_UP = 5.28145  # SPEC.md 2.4: b of the GB2012 hippocampal-slices set
RHO0_W2 = 0.5
PEER_PKGS = ['neuron', 'neuron-dev', 'python3-neuron', 'python3-brian', 'python3-numpy',
             'python3-scipy', 'g++', 'make']


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def sh(cmd, cwd=None, env=None):
    """Run cmd; returns (stdout, seconds). Raises with its stderr on failure."""
    t0 = time.time()
    with tempfile.TemporaryFile('w+') as fo, tempfile.TemporaryFile('w+') as fe:
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=fo, stderr=fe)
        _, status, usage = os.wait4(p.pid, 0)  # the child's own peak memory
        dt = time.time() - t0
        fo.seek(0)
        fe.seek(0)
        out, err = fo.read(), fe.read()
    sh.last_maxrss_kib = usage.ru_maxrss
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError('%s failed (%d):\n%s' % (' '.join(cmd), code, err[-2000:]))
    return out, dt


def host_info():
    cpu = [l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')]
    mem = [l.split()[1] for l in open('/proc/meminfo') if l.startswith('MemTotal')]
    return dict(date=time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime()), nproc=os.cpu_count(),
                cpu=cpu[0] if cpu else '?', mem_gib=round(int(mem[0]) / 2**20, 1) if mem else None,
                kernel=platform.release())


# ---------------------------------------------------------------------------- build
def build():
    t0 = time.time()
    sh(['cmake', '-S', ROOT, '-B', BUILD, '-DCMAKE_BUILD_TYPE=Release'])
    sh(['cmake', '--build', BUILD, '-j', str(os.cpu_count() or 2), '--target', 'ltpsim'])
    return time.time() - t0


def install_peers():
    missing = [p for p in PEER_PKGS
               if subprocess.run(['dpkg', '-s', p], capture_output=True).returncode != 0]
    if missing:
        log('installing: ' + ' '.join(missing))
        sh(['apt-get', 'update'])
        sh(['apt-get', 'install', '-y', '--no-install-recommends'] + missing,
           env=dict(os.environ, DEBIAN_FRONTEND='noninteractive'))
    sh([PY, '-c', 'import neuron, brian2'])


# ---------------------------------------------------------------------------- helpers
def median_run(runs, key='run_s'):
    return statistics.median(r[key] for r in runs)


def repeat(fn, *args):
    """REPS runs of fn(*args); returns the list (outputs of deterministic runs are identical)."""
    return [fn(*args) for _ in range(REPS)]


def measure(label, fn, args):
    """REPS runs of one configuration: the last run's outputs with the median times."""
    log('%s x%d' % (label, REPS))
    runs = repeat(fn, *args)
    return dict(runs[-1], label=label, run_s=median_run(runs),
                build_s=statistics.median(x.get('build_s') or 0.0 for x in runs),
                total_s=median_run(runs, 'total_s'))


def read_csv(path):
    with open(path) as f:
        head = f.readline().strip().split(',')
        return [dict(zip(head, line.strip().split(','))) for line in f if line.strip()]


def reference(name):
    with open(os.path.join(SHARED, 'reference', name)) as f:
        return json.load(f)


# ---------------------------------------------------------------------------- W1
W1_SIZES = {'W1f': ('w1_full.exp', 600.0, 3600.0, 'W1_full_ref_rk4_dt0.0125.json'),
            'W1s': ('w1_short.exp', 60.0, 300.0, 'W1_short_ref_rk4_dt0.005.json')}


def ltpsim_w1(size, dt_ms):
    exp, t_base, t_post, _ = W1_SIZES[size]
    out = os.path.join(OUT, 'ltpsim_%s_dt%s' % (size, dt_ms))
    shutil.rmtree(out, ignore_errors=True)
    _, total = sh([LTPSIM, 'run', os.path.join(HERE, exp), '--out', out,
                   '--set', 'engine.dt=%s ms' % dt_ms])
    summary = json.load(open(os.path.join(out, 'summary.json')))
    fs = summary['final_state']
    t_tet_end_ms = (t_base + 1.0) * 1000.0
    w_tet = [float(r['p1.weight']) for r in read_csv(os.path.join(out, 'state.csv'))
             if abs(float(r['t_ms']) - t_tet_end_ms) < 1e-6][0]
    epsp = {round(float(r['t_min']) * 60.0, 3): float(r['epsp_amp_mV'])
            for r in read_csv(os.path.join(out, 'readouts.csv'))}
    before, after = epsp[round(t_base - 10.0, 3)], epsp[round(t_base + 1.0 + t_post - 1.0, 3)]
    w_final = fs['p1.plasticity.weight']['value']
    return dict(workload='W1', size=size, peer='ltpsim', mode='adaptive (engine.dt %s ms)' % dt_ms,
                dt_ms=dt_ms, threads=1, build_s=0.0, run_s=summary['wall_time_s'], total_s=total,
                rho_tet_end=(w_tet - 1) / (B_UP - 1), rho_final=(w_final - 1) / (B_UP - 1),
                epsp_before_mV=before, epsp_after_mV=after, epsp_ratio=after / before,
                n_post_spikes=int(fs['cell.spikes']['value']),
                steps=summary['counters']['fine_steps'])


def peer_w1(size, script, extra):
    _, t_base, t_post, _ = W1_SIZES[size]
    cmd = [PY, os.path.join(SHARED, script), '--tbase', str(t_base), '--tpost', str(t_post)] + extra
    stdout, total = sh(cmd, cwd=SHARED)
    r = json.loads(stdout.strip().splitlines()[-1])
    r.update(size=size, total_s=total, n_post_spikes=r.get('n_post_spikes',
                                                           r.get('n_post_spikes_total')))
    return r


def w1_agrees(r, ref):
    """SPEC.md 7, W1: the tight tolerances (dt <= 0.025 ms or adaptive) for ltpsim and adaptive
    peers, the dt = 0.1 ms ones for fixed-step peers at 0.1 ms."""
    loose = r['peer'] != 'ltpsim' and (r.get('dt_ms') or 0) > 0.05
    tr, te, tq = (0.01, 0.05, 0.01) if loose else (0.002, 0.02, 0.005)
    return (abs(r['rho_tet_end'] - ref['rho_tet_end']) <= tr and
            abs(r['rho_final'] - ref['rho_final']) <= tr and
            abs(r['epsp_before_mV'] / ref['epsp_before_mV'] - 1) <= te and
            abs(r['epsp_after_mV'] / ref['epsp_after_mV'] - 1) <= te and
            abs(r['epsp_ratio'] / ref['epsp_ratio'] - 1) <= tq and
            abs(r['n_post_spikes'] - ref['n_post_spikes_total']) <= 1)


def bench_w1():
    rows = []
    for size in ('W1f', 'W1s'):
        ref = reference(W1_SIZES[size][3])
        configs = [('ltpsim dt 0.025', ltpsim_w1, (size, 0.025)),
                   ('ltpsim dt 0.1', ltpsim_w1, (size, 0.1))]
        if PEERS:
            configs += [('NEURON CVODE', peer_w1, (size, 'neuron_w1.py', ['--cvode'])),
                        ('Brian2 dt 0.025', peer_w1, (size, 'brian2_w1.py', ['--dt', '0.025']))]
            if size == 'W1s':
                configs.append(('NEURON fixed dt 0.025', peer_w1,
                                (size, 'neuron_w1.py', ['--dt', '0.025'])))
        for label, fn, args in configs:
            log(size)
            r = measure(label, fn, args)
            r['agrees'] = w1_agrees(r, ref)
            rows.append(r)
    return rows


# ---------------------------------------------------------------------------- W2
def w2_rates(n):
    return [0.5 * 200.0 ** (i / (n - 1)) for i in range(n)]


def w2_summary(freqs, rho):
    w0 = 1 + (B_UP - 1) * RHO0_W2
    dw = [(1 + (B_UP - 1) * r) / w0 - 1 for r in rho]
    ltd = [f for f, d in zip(freqs, dw) if d < -1e-3]
    f_cross = None
    for k in range(len(freqs) - 1):
        if dw[k] < 0 < dw[k + 1]:
            a, b = math.log(freqs[k]), math.log(freqs[k + 1])
            f_cross = math.exp(a + (b - a) * (-dw[k]) / (dw[k + 1] - dw[k]))
            break
    return dict(f_ltd_onset_hz=min(ltd) if ltd else None, f_cross_hz=f_cross, dw_min=min(dw),
                dw_max=max(dw), n_ltd=sum(d < -1e-3 for d in dw), n_ltp=sum(d > 1e-3 for d in dw))


def ltpsim_w2(n, threads, keep_curve=True):
    out = os.path.join(OUT, 'ltpsim_W2_N%d_t%d' % (n, threads))
    shutil.rmtree(out, ignore_errors=True)
    _, total = sh([LTPSIM, 'sweep', os.path.join(HERE, 'w2.exp'), '--vary',
                   'rate=log:0.5:100:%d Hz' % n, '--jobs', str(threads), '--out', out])
    summary = json.load(open(os.path.join(out, 'summary.json')))
    rows = read_csv(os.path.join(out, 'sweep.csv'))
    freqs = [float(r['rate_Hz']) for r in rows]
    rho = [(float(r['p1_weight']) - 1) / (B_UP - 1) for r in rows]
    run_s = summary['timing']['wall_s']
    peak_rss_mib = sh.last_maxrss_kib / 1024.0  # largest child so far (grows with N here)
    r = dict(workload='W2', peer='ltpsim', mode='adaptive (engine.dt 0.1 ms)', threads=threads,
             n_syn=n, build_s=0.0, setup_s=summary['timing']['build_s'], run_s=run_s,
             total_s=total, syn_per_wall_s=n / run_s, syn_sim_s_per_wall_s=n * 1799.1 / run_s,
             memory=summary.get('memory'), peak_rss_mib=peak_rss_mib)
    r.update(w2_summary(freqs, rho))
    if keep_curve:
        r.update(freq_hz=freqs, rho_final=rho)
    shutil.rmtree(out, ignore_errors=True)
    return r


def peer_w2(n, script, extra):
    stdout, total = sh([PY, os.path.join(SHARED, script), str(n), '--curve'] + extra, cwd=SHARED)
    r = json.loads(stdout.strip().splitlines()[-1])
    r.update(total_s=total, n_syn=r.get('n_syn', r.get('nsyn', n)))
    return r


def w2_agrees(r, ref):
    """SPEC.md 7, W2, against the reference curve at the same N."""
    d = [abs(a - b) for a, b in zip(r['rho_final'], ref['rho_final'])]
    sref = w2_summary(ref['freq_hz'], ref['rho_final'])
    fr = ref['freq_hz']

    def k_of(f):
        return min(range(len(fr)), key=lambda k: abs(fr[k] - f)) if f is not None else -99

    r['max_abs_drho'] = max(d)
    r['frac_within_0.02'] = sum(x <= 0.02 for x in d) / len(d)
    return (r['frac_within_0.02'] >= 0.95 and
            abs(k_of(r['f_ltd_onset_hz']) - k_of(sref['f_ltd_onset_hz'])) <= 1 and
            r['f_cross_hz'] is not None and abs(r['f_cross_hz'] / sref['f_cross_hz'] - 1) <= 0.03
            and abs(r['dw_min'] - sref['dw_min']) <= 0.01 and
            abs(r['dw_max'] - sref['dw_max']) <= 0.01)


def bench_w2():
    rows = []
    for n in (50, 200):
        ref = reference('W2_N%d_ref_rk4_dt0.1.json' % n)
        configs = [('ltpsim 1 thread', ltpsim_w2, (n, 1)), ('ltpsim 2 threads', ltpsim_w2, (n, 2))]
        if PEERS:
            configs += [('NEURON lvardt', peer_w2, (n, 'neuron_w2.py', [])),
                        ('Brian2 1 thread', peer_w2, (n, 'brian2_w2.py', []))]
        for label, fn, args in configs:
            log('W2 N=%d' % n)
            r = measure(label, fn, args)
            r['syn_per_wall_s'] = n / r['run_s']
            r['agrees'] = w2_agrees(r, ref)
            for k in ('freq_hz', 'rho_final'):
                r.pop(k, None)
            rows.append(r)
    return rows


# ---------------------------------------------------------------------------- scaling
def scaling_duration():
    """Cost against simulated time: W1's tetanus and pairing, then quiet (no test pulses) or
    test pulses every 20 s, for 1 min to 24 h after it."""
    text = open(os.path.join(HERE, 'w1_full.exp')).read()
    rows = []
    for t_post_s in (60, 3600, 24 * 3600):
        for tests in (False, True):
            body = text.replace('duration = "4201 s";', 'duration = "%d s";' % (601 + t_post_s))
            post = '{ type = "test_pulses"; pathway = 1; from = "620 s"; to = "4201 s"; ' \
                   'interval = "20 s"; }'
            body = body.replace(post, post.replace('to = "4201 s"', 'to = "%d s"' % (
                601 + t_post_s)) if tests else '{ type = "test_pulses"; pathway = 1; from = ' \
                '"10 s"; to = "11 s"; interval = "20 s"; }')
            body = body.replace('readouts = { after = ["1 min", "30 min", "59 min"]; window = '
                                '"2 min"; baseline = "10 min"; };', '')
            path = os.path.join(OUT, 'duration.exp')
            open(path, 'w').write(body)
            out = os.path.join(OUT, 'ltpsim_duration')
            times = []
            for _ in range(REPS):
                shutil.rmtree(out, ignore_errors=True)
                sh([LTPSIM, 'run', path, '--out', out, '--set', 'engine.dt=0.1 ms'])
                s = json.load(open(os.path.join(out, 'summary.json')))
                times.append(s['wall_time_s'])
            rows.append(dict(t_after_tetanus_s=t_post_s, test_pulses=tests,
                             simulated_s=601 + t_post_s, run_s=statistics.median(times),
                             steps=s['counters'].get('fine_steps')))
            log('duration %d s, test pulses %s: %.4f s' % (t_post_s, tests, rows[-1]['run_s']))
    return rows


def scaling_n():
    sizes = [100, 1000, 10000] + ([100000, 1000000] if LARGE else [])
    rows = []
    for n in sizes:
        for threads in (1, 2):
            if n >= 100000 and threads == 1:
                continue
            log('W2 N=%d, %d threads' % (n, threads))
            r = ltpsim_w2(n, threads, keep_curve=False)
            rows.append(dict(n_syn=n, threads=threads, run_s=r['run_s'],
                             syn_per_wall_s=r['syn_per_wall_s'],
                             syn_per_core_s=r['syn_per_wall_s'] / threads, memory=r['memory'],
                             peak_rss_mib=r['peak_rss_mib']))
    return rows


def stream():
    exe = os.path.join(BUILD, 'stream')
    sh(['gcc', '-O3', '-march=native', '-fopenmp', '-o', exe, os.path.join(SHARED, 'stream.c')])
    rows = []
    for t in (1, 2):
        stdout, _ = sh([exe], env=dict(os.environ, OMP_NUM_THREADS=str(t), OMP_PROC_BIND='true'))
        rows.append(json.loads(stdout.strip().splitlines()[-1]))
    return rows


# ---------------------------------------------------------------------------- report
def fmt(x, nd=3):
    if x is None:
        return '-'
    if isinstance(x, float):
        return ('%.' + str(nd) + 'g') % x
    return str(x)


def table(w1, w2):
    lines = ['| workload | simulator and mode | run s (median of %d) | build s | ratio vs ltpsim '
             '| key outputs | agrees (SPEC 7) |' % REPS, '|---|---|---|---|---|---|---|']
    for size in ('W1f', 'W1s'):
        rs = [r for r in w1 if r['size'] == size]
        if not rs:
            continue
        base = next((r for r in rs if r['label'] == 'ltpsim dt 0.1'), rs[0])
        for r in rs:
            lines.append('| %s | %s | %s | %s | %s | rho %.5f/%.5f, EPSP x%.4f, %d spikes | %s |' % (
                size, r['label'], fmt(r['run_s']), fmt(r.get('build_s')),
                fmt(r['run_s'] / base['run_s'], 3), r['rho_tet_end'], r['rho_final'],
                r['epsp_ratio'], r['n_post_spikes'], 'yes' if r['agrees'] else 'NO'))
    for n in (50, 200):
        rs = [r for r in w2 if r['n_syn'] == n]
        if not rs:
            continue
        base = next((r for r in rs if r['label'] == 'ltpsim 1 thread'), rs[0])
        for r in rs:
            lines.append('| W2 N=%d | %s | %s | %s | %s | %.1f syn/s; onset %s Hz, cross %s Hz, '
                         'dw %.4f..%.4f | %s |' % (
                             n, r['label'], fmt(r['run_s']), fmt(r.get('build_s')),
                             fmt(r['run_s'] / base['run_s'], 3), r['syn_per_wall_s'],
                             fmt(r['f_ltd_onset_hz'], 4), fmt(r['f_cross_hz'], 4), r['dw_min'],
                             r['dw_max'], 'yes' if r['agrees'] else 'NO'))
    return '\n'.join(lines)


def main(argv):
    what = argv[1] if len(argv) > 1 else 'all'
    if what not in ('w1', 'w2', 'scaling', 'all'):
        print(__doc__, file=sys.stderr)
        return 2
    if not os.path.isdir(SHARED):
        print('bench: %s not found (set SHARED_BENCH to ../shared/bench)' % SHARED,
              file=sys.stderr)
        return 2
    os.makedirs(OUT, exist_ok=True)
    result = dict(host=host_info(), reps=REPS, peers=PEERS)
    log('building ltpsim (Release)')
    result['ltpsim_build_s'] = build()
    if PEERS and what in ('w1', 'w2', 'all'):
        install_peers()
    w1 = bench_w1() if what in ('w1', 'all') else []
    w2 = bench_w2() if what in ('w2', 'all') else []
    if what in ('scaling', 'all'):
        result['stream'] = stream()
        result['scaling_duration'] = scaling_duration()
        result['scaling_n'] = scaling_n()
    print(table(w1, w2))
    summary = {}
    for size in ('W1f', 'W1s'):
        rs = {r['label']: r for r in w1 if r['size'] == size}
        if rs:
            ours = rs.get('ltpsim dt 0.1')
            summary[size] = dict(
                ltpsim_s=ours['run_s'], ltpsim_dt0025_s=rs['ltpsim dt 0.025']['run_s'],
                agrees=all(r['agrees'] for r in rs.values()),
                peers={k: dict(run_s=r['run_s'], ratio=r['run_s'] / ours['run_s'],
                               agrees=r['agrees']) for k, r in rs.items() if r['peer'] != 'ltpsim'})
    for n in (50, 200):
        rs = {r['label']: r for r in w2 if r['n_syn'] == n}
        if rs:
            ours = rs['ltpsim 1 thread']
            summary['W2_N%d' % n] = dict(
                ltpsim_s=ours['run_s'], ltpsim_2threads_s=rs['ltpsim 2 threads']['run_s'],
                ltpsim_syn_per_s=ours['syn_per_wall_s'], agrees=all(r['agrees'] for r in rs.values()),
                peers={k: dict(run_s=r['run_s'], syn_per_s=r['syn_per_wall_s'],
                               ratio=r['run_s'] / ours['run_s'], agrees=r['agrees'])
                       for k, r in rs.items() if r['peer'] != 'ltpsim'})
    result.update(workloads=summary, w1_runs=w1, w2_runs=w2)
    with open(os.path.join(OUT, 'bench.json'), 'w') as f:
        json.dump(result, f, indent=1)
    for k in ('stream', 'scaling_duration', 'scaling_n'):
        if k in result:
            print('%s: %s' % (k, json.dumps(result[k])))
    print(json.dumps(dict(host=result['host'], workloads=summary)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
