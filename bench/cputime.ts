// CPU time of this process (all its threads, user + system) in ns. The bench harnesses time
// with it, not with the wall clock: on a machine shared by many jobs, wall time counts the
// time the process waited for a core, which says nothing about the work a gas unit buys.
export function cpuNs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}
